package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.SchemaMigration;
import java.sql.SQLException;
import java.sql.Statement;

/** Schema v2: a one-row table the health probe rewrites, so "writable" means a real durable commit. */
final class V2WritableProbe implements SchemaMigration {
  @Override
  public int version() {
    return 2;
  }

  @Override
  public String description() {
    return "writable probe table for health checks";
  }

  @Override
  public void apply(Statement sql) throws SQLException {
    sql.execute("CREATE TABLE writable_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at_ms INTEGER NOT NULL)");
  }
}
