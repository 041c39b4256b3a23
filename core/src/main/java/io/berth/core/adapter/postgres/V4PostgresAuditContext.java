package io.berth.core.adapter.postgres;

import io.berth.core.adapter.jdbc.AuditContextMigration;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL schema v4: the context (endpoint) a command ran in, a nullable column (added without
 * rewriting the table; existing rows read null and keep hashing as v1) and {@code (context, seq)},
 * which serves the context filter newest first in one backward index scan, as the other filters' indexes do.
 */
final class V4PostgresAuditContext extends AuditContextMigration {
  @Override
  public int version() {
    return 4;
  }

  @Override
  protected void indexContext(Statement sql) throws SQLException {
    sql.execute("CREATE INDEX audit_by_context ON audit (context, seq)");
  }
}
