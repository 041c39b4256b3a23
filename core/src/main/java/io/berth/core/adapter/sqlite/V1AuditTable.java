package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.SchemaMigration;
import java.sql.SQLException;
import java.sql.Statement;

/** Schema v1: the audit table, an index per query filter, and triggers refusing UPDATE/DELETE. */
final class V1AuditTable implements SchemaMigration {
  @Override
  public int version() {
    return 1;
  }

  @Override
  public String description() {
    return "audit table, filter indexes, append-only triggers";
  }

  @Override
  public void apply(Statement sql) throws SQLException {
    sql.execute("""
        CREATE TABLE audit (
          seq INTEGER PRIMARY KEY,
          request_id TEXT NOT NULL,
          time_ms INTEGER NOT NULL,
          outcome TEXT NOT NULL,
          berth_user TEXT,
          source TEXT NOT NULL,
          platform_user_id TEXT,
          display_name TEXT,
          location TEXT,
          command_text TEXT,
          action TEXT,
          target TEXT,
          message TEXT,
          duration_ms INTEGER,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL)""");
    // seq is the rowid, so each index is implicitly (column, seq): filter + newest-first in one scan.
    for (String column : new String[] {"berth_user", "platform_user_id", "source", "action", "target",
        "outcome", "time_ms", "request_id"}) {
      sql.execute("CREATE INDEX audit_" + column + " ON audit(" + column + ")");
    }
    // Guards against mistakes and casual edits; a determined tamperer can drop them, which verify catches.
    sql.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
        + "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END");
    sql.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
        + "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END");
  }
}
