package io.berth.core.adapter.jdbc;

import io.berth.core.audit.AuditRow;
import io.berth.core.audit.ChainHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteException;

/**
 * SQLite: one file, its write lock taken up front ({@code BEGIN IMMEDIATE}); covering indexes keyed
 * by the user key, times mapped to seq ranges, an FTS5 trigram index for the text filter (schema v4),
 * filled off the commit path (v6).
 */
public final class SqliteDialect implements SqlDialect {
  public static final SqliteDialect INSTANCE = new SqliteDialect();

  private SqliteDialect() {}

  @Override
  public void begin(Connection c) throws SQLException {
    execute(c, "BEGIN IMMEDIATE");
  }

  @Override
  public void commit(Connection c) throws SQLException {
    execute(c, "COMMIT");
  }

  @Override
  public void rollbackQuietly(Connection c) {
    try {
      execute(c, "ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction left to roll back (BEGIN itself failed, or SQLite already rolled back)
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Override
  public void beginRead(Connection c) throws SQLException {
    c.setAutoCommit(false); // the driver sends a deferred BEGIN: no lock until the first read, never a write lock
  }

  @Override
  public void endRead(Connection c) throws SQLException {
    c.setAutoCommit(true); // ends the read transaction (nothing to commit)
  }

  @Override
  public boolean hasTable(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getInt(1) > 0;
      }
    }
  }

  @Override
  public String createSchemaVersionTable() {
    return "CREATE TABLE IF NOT EXISTS schema_version "
        + "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms INTEGER NOT NULL)";
  }

  @Override
  public String upsertProbe() {
    return "INSERT OR REPLACE INTO writable_probe (id, at_ms) VALUES (1, ?)";
  }

  @Override
  public boolean keepsTimesInOrder() {
    return true;
  }

  @Override
  public boolean appendsInOneRoundTrip() {
    return false;
  }

  @Override
  public boolean appendOnTail(Connection c, List<AuditRow> rows, ChainHead expected) {
    throw new UnsupportedOperationException("SQLite appends under BEGIN IMMEDIATE (no round trips to save)");
  }

  @Override
  public boolean streamsInTransaction() {
    return false;
  }

  @Override
  public String offIndex() {
    return "+";
  }

  // Times map to a seq range through the time index (two lookups; exact because the store keeps
  // times within AuditRows.TIME_SKEW_MS of order): rows before the newest-timed row older than
  // from - skew are all older than from; rows after the oldest-timed row at or after to + skew
  // are all at or after to. The exact comparisons stay, unindexed (+), for the rows in between.
  @Override
  public void from(FilterSql.Clauses where, long fromMs) {
    where.add("seq > coalesce((SELECT seq FROM audit WHERE time_ms < ? ORDER BY time_ms DESC LIMIT 1), 0)",
        fromMs - AuditRows.TIME_SKEW_MS);
    where.add("+time_ms >= ?", fromMs);
  }

  @Override
  public void to(FilterSql.Clauses where, long toMs) {
    where.add("seq < coalesce((SELECT seq FROM audit WHERE time_ms >= ? ORDER BY time_ms LIMIT 1), 9223372036854775807)",
        toMs + AuditRows.TIME_SKEW_MS);
    where.add("+time_ms < ?", toMs);
  }

  @Override
  public void text(FilterSql.Clauses where, String text) {
    if (text.codePointCount(0, text.length()) >= 3) {
      // The trigram index finds the candidates (a superset: it folds case beyond ASCII); LIKE below decides.
      // It is filled off the commit path (schema v6): rows above its mark are all candidates.
      where.add("seq IN (SELECT rowid FROM audit_text WHERE audit_text MATCH ? "
          + "UNION ALL SELECT seq FROM audit WHERE seq > (SELECT through_seq FROM audit_text_indexed))", trigrams(text));
    }
    String pattern = SqlDialect.containsPattern(text);
    where.add("(command_text LIKE ? ESCAPE '\\' OR target LIKE ? ESCAPE '\\' OR message LIKE ? ESCAPE '\\')",
        pattern, pattern, pattern);
  }

  /**
   * An FTS5 query for rows containing every trigram of {@code text} (the index keeps no positions,
   * so this is a superset of the rows containing the text; LIKE then decides). At most 16 trigrams.
   */
  static String trigrams(String text) {
    int[] cp = text.codePoints().toArray();
    List<String> terms = new ArrayList<>();
    int step = Math.max(1, (cp.length - 2 + 15) / 16);
    for (int i = 0; i + 3 <= cp.length && terms.size() < 16; i += step) {
      terms.add("\"" + new String(cp, i, 3).replace("\"", "\"\"") + "\"");
    }
    return String.join(" AND ", terms);
  }

  @Override
  public String describe(Throwable e, String file, Duration busyTimeout) {
    if (e instanceof SQLiteException s) {
      switch (primary(s)) {
        case 8: return "audit database " + file + " is read-only";
        case 13: return "audit database " + file + " cannot grow: disk full";
        case 5, 6: return "audit database " + file + " is locked by another writer for more than "
            + busyTimeout.toMillis() + " ms";
        case 14: return "audit database " + file + " cannot be opened (missing directory or no permission)";
        case 10: return "audit database " + file + " cannot be written: I/O error (is the disk full?): "
            + s.getMessage();
        case 11, 26: return "audit database " + file + " is corrupt or not a database";
        default: break;
      }
    }
    return "audit database " + file + " cannot be written: " + e.getMessage();
  }

  @Override
  public boolean isEnvironmental(Throwable e) {
    if (!(e instanceof SQLiteException s)) return false;
    int primary = primary(s);
    return primary == 5 || primary == 6 || primary == 8 || primary == 10 || primary == 13 || primary == 14;
  }

  private static int primary(SQLiteException s) {
    return s.getResultCode().code & 0xff;
  }

  @Override
  public String toString() {
    return "SQLite";
  }
}
