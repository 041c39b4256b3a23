package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.SchemaMigration;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Schema v3: signed checkpoints, archived ranges, and the one delete the trail allows: rows at or
 * below the newest archived boundary (already sealed into a segment file). Both new tables are
 * append-only too.
 */
final class V3CheckpointsAndArchive implements SchemaMigration {
  /** The audit delete guard as created here; verify reports it if it was replaced by a weaker one. */
  static final String AUDIT_NO_DELETE = "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
      + "WHEN OLD.seq > coalesce((SELECT max(through_seq) FROM archived), 0) "
      + "BEGIN SELECT RAISE(ABORT, 'audit records are append-only (only archived records may be pruned)'); END";

  @Override
  public int version() {
    return 3;
  }

  @Override
  public String description() {
    return "checkpoint and archived tables; delete allowed only of archived records";
  }

  @Override
  public void apply(Statement sql) throws SQLException {
    sql.execute("""
        CREATE TABLE checkpoint (
          id INTEGER PRIMARY KEY,
          seq INTEGER NOT NULL,
          head_hash TEXT NOT NULL,
          time_ms INTEGER NOT NULL,
          prev_signature_hash TEXT NOT NULL,
          signature TEXT NOT NULL)""");
    sql.execute("""
        CREATE TABLE archived (
          through_seq INTEGER PRIMARY KEY,
          first_seq INTEGER NOT NULL,
          last_hash TEXT NOT NULL,
          segment TEXT NOT NULL,
          segment_sha256 TEXT NOT NULL,
          time_ms INTEGER NOT NULL)""");
    for (String table : new String[] {"checkpoint", "archived"}) {
      sql.execute("CREATE TRIGGER " + table + "_no_update BEFORE UPDATE ON " + table
          + " BEGIN SELECT RAISE(ABORT, '" + table + " rows are append-only'); END");
      sql.execute("CREATE TRIGGER " + table + "_no_delete BEFORE DELETE ON " + table
          + " BEGIN SELECT RAISE(ABORT, '" + table + " rows are append-only'); END");
    }
    sql.execute("DROP TRIGGER audit_no_delete");
    sql.execute(AUDIT_NO_DELETE);
  }
}
