package io.berth.core.adapter.postgres;

import io.berth.core.adapter.jdbc.SchemaMigration;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL schema v1: everything SQLite reached in its v1..v3 (audit rows, the health probe,
 * checkpoints, archived ranges) in one step, since this store starts there. Append-only by trigger
 * (UPDATE, DELETE, TRUNCATE), except deleting rows at or below the newest archived boundary.
 */
final class V1PostgresAuditSchema implements SchemaMigration {
  /** The delete guard's body as created here; verify reports it if it was replaced by a weaker one. */
  static final String AUDIT_NO_DELETE_BODY = """

      BEGIN
        IF OLD.seq > coalesce((SELECT max(through_seq) FROM archived), 0) THEN
          RAISE EXCEPTION 'audit records are append-only (only archived records may be pruned)';
        END IF;
        RETURN OLD;
      END
      """;

  /** The body of the guard on every other UPDATE, DELETE and TRUNCATE. */
  static final String APPEND_ONLY_BODY = " BEGIN RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME; END ";

  @Override
  public int version() {
    return 1;
  }

  @Override
  public String description() {
    return "audit, writable_probe, checkpoint and archived tables; filter indexes; append-only triggers";
  }

  @Override
  public void apply(Statement sql) throws SQLException {
    // prev_hash UNIQUE: no two records can continue the same link, so the chain stays linear even
    // if a writer ever skipped the append lock (seq, the primary key, already refuses duplicates).
    sql.execute("""
        CREATE TABLE audit (
          seq BIGINT PRIMARY KEY,
          request_id TEXT NOT NULL,
          time_ms BIGINT NOT NULL,
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
          duration_ms BIGINT,
          prev_hash TEXT NOT NULL UNIQUE,
          hash TEXT NOT NULL)""");
    // (column, seq): filter and newest-first order in one index scan, as SQLite's rowid gives implicitly.
    for (String column : new String[] {"berth_user", "platform_user_id", "source", "action", "target", "outcome",
        "time_ms", "request_id"}) {
      sql.execute("CREATE INDEX audit_" + column + " ON audit (" + column + ", seq)");
    }
    sql.execute("CREATE TABLE writable_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at_ms BIGINT NOT NULL)");
    sql.execute("""
        CREATE TABLE checkpoint (
          id BIGSERIAL PRIMARY KEY,
          seq BIGINT NOT NULL,
          head_hash TEXT NOT NULL,
          time_ms BIGINT NOT NULL,
          prev_signature_hash TEXT NOT NULL,
          signature TEXT NOT NULL)""");
    sql.execute("""
        CREATE TABLE archived (
          through_seq BIGINT PRIMARY KEY,
          first_seq BIGINT NOT NULL,
          last_hash TEXT NOT NULL,
          segment TEXT NOT NULL,
          segment_sha256 TEXT NOT NULL,
          time_ms BIGINT NOT NULL)""");
    // Guards against mistakes and casual edits; a determined tamperer can drop or disable them, which verify reports.
    sql.execute("CREATE FUNCTION berth_append_only() RETURNS trigger LANGUAGE plpgsql AS $$" + APPEND_ONLY_BODY + "$$");
    sql.execute("CREATE FUNCTION berth_audit_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$"
        + AUDIT_NO_DELETE_BODY + "$$");
    for (String table : new String[] {"audit", "checkpoint", "archived"}) {
      sql.execute("CREATE TRIGGER " + table + "_no_update BEFORE UPDATE ON " + table
          + " FOR EACH ROW EXECUTE FUNCTION berth_append_only()");
      sql.execute("CREATE TRIGGER " + table + "_no_truncate BEFORE TRUNCATE ON " + table
          + " FOR EACH STATEMENT EXECUTE FUNCTION berth_append_only()");
      sql.execute("CREATE TRIGGER " + table + "_no_delete BEFORE DELETE ON " + table + " FOR EACH ROW EXECUTE FUNCTION "
          + (table.equals("audit") ? "berth_audit_no_delete()" : "berth_append_only()"));
    }
  }
}
