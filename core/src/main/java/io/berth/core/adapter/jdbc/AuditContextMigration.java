package io.berth.core.adapter.jdbc;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema step that adds the context (endpoint) a command ran in: the same nullable column in every store (added
 * without rewriting a row; existing rows read null and keep hashing as v1), then the store's own filter index.
 */
public abstract class AuditContextMigration implements SchemaMigration {
  @Override
  public final String description() {
    return "context column (the endpoint a command ran in) and its filter index";
  }

  @Override
  public final void apply(Statement sql) throws SQLException {
    sql.execute("ALTER TABLE audit ADD COLUMN context TEXT");
    indexContext(sql);
  }

  /** The store's index that serves the context filter newest first. */
  protected abstract void indexContext(Statement sql) throws SQLException;
}
