package io.berth.core.adapter.postgres;

import io.berth.core.adapter.jdbc.FilterSql;
import io.berth.core.adapter.jdbc.SchemaMigration;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL schema v2: only the indexes the console's filters use, as SQLite's v4 chose them.
 * Every index is one more B-tree each group commit updates (v1 had ten, with the primary key and
 * {@code prev_hash}'s): {@code source} goes (four values; newest first through the primary key
 * finds a page of any source at once), the two user columns become one index on the user key the
 * filter now compares (the Berth user, or an unknown identity's platform id: SQLite's meaning since
 * its v4), and {@code target}, {@code action}, {@code outcome}, {@code time_ms} and
 * {@code request_id} stay {@code (column, seq)}: an equality filter and the newest-first order in
 * one backward index scan. Eight B-trees per row instead of ten.
 */
final class V2PostgresFilterIndexes implements SchemaMigration {
  @Override
  public int version() {
    return 2;
  }

  @Override
  public String description() {
    return "filter indexes: one user key instead of two user columns, none on source";
  }

  @Override
  public void apply(Statement sql) throws SQLException {
    for (String column : new String[] {"berth_user", "platform_user_id", "source"}) {
      sql.execute("DROP INDEX IF EXISTS audit_" + column);
    }
    sql.execute("CREATE INDEX audit_by_user ON audit ((" + FilterSql.USER_KEY + "), seq)");
  }
}
