package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.FilterSql;
import io.berth.core.adapter.jdbc.SchemaMigration;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Schema v4: indexes chosen from the console's query plans at 1,000,000 records (see
 * docs/benchmarks.md), full-text search for the text filter, and fixed planner statistics.
 *
 * <p>Every console query is "filters, newest first, 51 rows". An index serves it without sorting
 * only when its leading column is an equality filter and {@code seq} comes right after it; the
 * other filter columns follow, so the remaining filters are checked inside the index and only
 * matching rows are read from the table (SQLite has no INCLUDE columns; trailing columns are the
 * same thing). One such index per selective filter — target, user, action, outcome — replaces the
 * eight single-column ones: source alone, or time alone, is served by reading the table newest first
 * (51 matches come quickly), and every index is one more B-tree each append must update.
 *
 * <p>{@code sqlite_stat1} is written here, not by ANALYZE: the planner then always prefers the
 * most selective filter (a container over a user over an action over an outcome) whatever the data
 * looks like when it runs, and plans never change under the console's feet.
 */
final class V4QueryIndexes implements SchemaMigration {
  /** The user filter's key: the Berth user, or the platform id of an identity Berth did not know. */
  private static final String USER_KEY = FilterSql.USER_KEY;

  @Override
  public int version() {
    return 4;
  }

  @Override
  public String description() {
    return "covering query indexes, full-text search on command text, target and message";
  }

  @Override
  public void apply(Statement sql) throws SQLException {
    for (String column : new String[] {"berth_user", "platform_user_id", "source", "action", "target", "outcome"}) {
      sql.execute("DROP INDEX IF EXISTS audit_" + column);
    }
    // audit_time_ms stays (time ranges), audit_request_id stays (unfinished requests, folding phases)
    sql.execute("CREATE INDEX audit_by_target ON audit(target, seq, " + USER_KEY + ", action, outcome, source, time_ms)");
    sql.execute("CREATE INDEX audit_by_user ON audit(" + USER_KEY + ", seq, action, outcome, source, target, time_ms)");
    sql.execute("CREATE INDEX audit_by_action ON audit(action, seq, " + USER_KEY + ", outcome, source, target, time_ms)");
    sql.execute("CREATE INDEX audit_by_outcome ON audit(outcome, seq, " + USER_KEY + ", action, source, target, time_ms)");

    // Substring search (the filter's meaning since v1) served by trigrams; texts under 3 characters fall back to LIKE.
    sql.execute("CREATE VIRTUAL TABLE audit_text USING fts5(command_text, target, message, "
        + "content='audit', content_rowid='seq', tokenize='trigram', detail='none', columnsize=0)");
    sql.execute("INSERT INTO audit_text(audit_text) VALUES ('rebuild')");
    sql.execute("CREATE TRIGGER audit_text_insert AFTER INSERT ON audit BEGIN "
        + "INSERT INTO audit_text(rowid, command_text, target, message) "
        + "VALUES (new.seq, new.command_text, new.target, new.message); END");
    // archive pruning is the only delete the trail allows
    sql.execute("CREATE TRIGGER audit_text_delete AFTER DELETE ON audit BEGIN "
        + "INSERT INTO audit_text(audit_text, rowid, command_text, target, message) "
        + "VALUES ('delete', old.seq, old.command_text, old.target, old.message); END");

    // Fixed statistics: "<rows> <rows per value of column 1> <… of columns 1..2> …"; only the ratios matter.
    sql.execute("ANALYZE sqlite_schema"); // creates sqlite_stat1 without reading the audit table
    sql.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'audit'");
    String[][] stats = {
        {"audit_by_target", "1000000 50 1 1 1 1 1 1"},
        {"audit_by_user", "1000000 5000 1 1 1 1 1 1"},
        {"audit_by_action", "1000000 20000 1 1 1 1 1 1"},
        {"audit_by_outcome", "1000000 150000 1 1 1 1 1 1"},
        {"audit_time_ms", "1000000 2"},
        {"audit_request_id", "1000000 2"}};
    for (String[] s : stats) {
      sql.execute("INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES ('audit', '" + s[0] + "', '" + s[1] + "')");
    }
    sql.execute("INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES ('audit', NULL, '1000000')");
  }
}
