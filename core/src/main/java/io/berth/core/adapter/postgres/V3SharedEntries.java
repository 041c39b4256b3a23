package io.berth.core.adapter.postgres;

import io.berth.core.adapter.jdbc.SchemaMigration;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL schema v3: the replicas' shared state ({@link PostgresSharedStore}) beside the audit.
 * Not part of the trail: its rows expire and are deleted, so no append-only trigger guards it.
 */
final class V3SharedEntries implements SchemaMigration {
  @Override
  public int version() {
    return 3;
  }

  @Override
  public String description() {
    return "shared_entry table: what replicas share (deliveries, alerts sent, console sessions)";
  }

  @Override
  public void apply(Statement sql) throws SQLException {
    sql.execute("""
        CREATE TABLE shared_entry (
          space text NOT NULL,
          key text NOT NULL,
          value text NOT NULL,
          expires_at timestamptz NOT NULL,
          PRIMARY KEY (space, key)
        )""");
    sql.execute("CREATE INDEX shared_entry_expiry ON shared_entry (expires_at)");
  }
}
