package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.FilterSql;
import io.berth.core.adapter.jdbc.AuditContextMigration;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Schema v5: the context (endpoint) a command ran in, a column of its own with a filter index.
 * Existing rows keep a null context (they named it, if at all, in their target: {@code prod/web-1})
 * and keep hashing as v1 ({@link io.berth.core.audit.AuditRow#computeHash}); adding a column
 * rewrites no row, so the append-only triggers are not involved.
 *
 * <p>The index follows v4's shape, {@code (context, seq, the other filter columns)}: the context
 * alone, or with time or text, reads newest first without sorting. Contexts are few (a handful of
 * endpoints), so its fixed statistics rank it below every other filter: with a target, user,
 * action or outcome that index is chosen and the context is checked on the row it finds.
 */
final class V5AuditContext extends AuditContextMigration {
  private static final String USER_KEY = FilterSql.USER_KEY;

  @Override
  public int version() {
    return 5;
  }

  @Override
  protected void indexContext(Statement sql) throws SQLException {
    sql.execute("CREATE INDEX audit_by_context ON audit(context, seq, " + USER_KEY
        + ", action, outcome, source, target, time_ms)");
    sql.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'audit' AND idx = 'audit_by_context'");
    sql.execute("INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES ('audit', 'audit_by_context', '1000000 300000 1 1 1 1 1 1 1')");
  }
}
