package io.berth.core.adapter.jdbc;

import io.berth.core.audit.AuditRow;
import io.berth.core.audit.ChainHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL: several Berth processes share one database, so every write transaction takes one
 * transaction-scoped advisory lock ({@link #APPEND_LOCK}) first; upsert by {@code ON CONFLICT};
 * errors classified by SQLSTATE; the text filter is ILIKE (what SQLite's ASCII case-insensitive
 * LIKE does).
 */
public final class PostgresDialect implements SqlDialect {
  public static final PostgresDialect INSTANCE = new PostgresDialect();

  /** The advisory lock key ("BerthAud" in ASCII). Held from the tail read to COMMIT. */
  public static final long APPEND_LOCK = 0x4265727468417564L;

  private PostgresDialect() {}

  /** Autocommit off, then the append lock for the rest of the transaction. */
  @Override
  public void begin(Connection c) throws SQLException {
    if (c.getAutoCommit()) c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      ps.setLong(1, APPEND_LOCK);
      ps.executeQuery().close();
    }
  }

  /** Returns once the server has flushed the commit record (every session sets synchronous_commit = on). */
  @Override
  public void commit(Connection c) throws SQLException {
    c.commit();
  }

  @Override
  public void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is gone: the server rolled back already
    }
  }

  @Override
  public void beginRead(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"); // this transaction only
    }
  }

  @Override
  public void endRead(Connection c) throws SQLException {
    c.rollback();
    c.setAutoCommit(true);
  }

  @Override
  public boolean hasTable(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  @Override
  public String createSchemaVersionTable() {
    return "CREATE TABLE IF NOT EXISTS schema_version "
        + "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms BIGINT NOT NULL)";
  }

  @Override
  public String upsertProbe() {
    return "INSERT INTO writable_probe (id, at_ms) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at_ms = EXCLUDED.at_ms";
  }

  @Override
  public boolean keepsTimesInOrder() {
    return false;
  }

  @Override
  public boolean appendsInOneRoundTrip() {
    return true;
  }

  /**
   * Two statements sent together (one round trip) and run by the server as one implicit
   * transaction (autocommit: the protocol's Sync ends it): the append lock, then one INSERT of the
   * whole batch from 17 arrays, guarded by the tail. The INSERT's snapshot is taken after the lock
   * was granted, so it sees every batch committed before (READ COMMITTED takes one per statement).
   * The SQL text never changes with the batch size, so the server keeps it prepared.
   */
  static final String APPEND_ON_TAIL = "SELECT pg_advisory_xact_lock(?); "
      + "INSERT INTO audit (" + AuditRows.COLUMNS + ") SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[], "
      + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
      + "?::bigint[], ?::text[], ?::text[], ?::text[]) WHERE (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1) = ?";

  @Override
  public boolean appendOnTail(Connection c, List<AuditRow> rows, ChainHead expected) throws SQLException {
    if (!c.getAutoCommit()) c.setAutoCommit(true); // idle after the last commit: no round trip
    int n = rows.size();
    Object[][] columns = new Object[17][];
    for (int col = 0; col < 17; col++) columns[col] = col == 0 || col == 2 || col == 13 ? new Long[n] : new String[n];
    for (int i = 0; i < n; i++) {
      AuditRow r = rows.get(i);
      Object[] values = {r.seq(), r.requestId(), r.timeMs(), r.outcome(), r.berthUser(), r.source(), r.platformUserId(),
          r.displayName(), r.location(), r.commandText(), r.action(), r.target(), r.message(), r.durationMs(),
          r.context(), r.prevHash(), r.hash()};
      for (int col = 0; col < 17; col++) columns[col][i] = values[col];
    }
    try (PreparedStatement ps = c.prepareStatement(APPEND_ON_TAIL)) {
      ps.setLong(1, APPEND_LOCK);
      for (int col = 0; col < 17; col++) {
        ps.setArray(col + 2, c.createArrayOf(columns[col] instanceof Long[] ? "bigint" : "text", columns[col]));
      }
      ps.setString(19, expected.hash());
      boolean resultSet = ps.execute();
      while (true) {
        if (resultSet) {
          ps.getResultSet().close(); // the lock's (void) row
        } else {
          int count = ps.getUpdateCount();
          if (count == -1) throw new SQLException("append on tail: no INSERT result");
          return count == n; // 0: the tail moved, nothing was written
        }
        resultSet = ps.getMoreResults();
      }
    }
  }

  @Override
  public boolean streamsInTransaction() {
    return true;
  }

  @Override
  public String offIndex() {
    return "";
  }

  @Override
  public void from(FilterSql.Clauses where, long fromMs) {
    where.add("time_ms >= ?", fromMs);
  }

  @Override
  public void to(FilterSql.Clauses where, long toMs) {
    where.add("time_ms < ?", toMs);
  }

  @Override
  public void text(FilterSql.Clauses where, String text) {
    String pattern = SqlDialect.containsPattern(text);
    where.add("(command_text ILIKE ? ESCAPE '\\' OR target ILIKE ? ESCAPE '\\' OR message ILIKE ? ESCAPE '\\')",
        pattern, pattern, pattern);
  }

  @Override
  public String describe(Throwable e, String name, Duration lockTimeout) {
    String state = e instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "";
    String db = "audit database " + name;
    if (state.startsWith("08")) return db + " is unreachable: " + e.getMessage();
    if (state.startsWith("28")) return db + " refused the login (check audit.postgres.user and the password): "
        + e.getMessage();
    if (state.equals("3D000")) return db + " does not exist (create it, or fix audit.postgres.url)";
    if (state.equals("25006")) return db + " is read-only (a standby, or default_transaction_read_only)";
    if (state.equals("42501")) return db + " cannot be written: permission denied: " + e.getMessage();
    if (state.startsWith("53")) return db + " cannot grow: the server is out of disk, memory or connections: "
        + e.getMessage();
    if (state.equals("55P03")) return db + " is locked by another writer for more than " + lockTimeout.toMillis() + " ms";
    if (state.startsWith("57")) return db + " is shutting down or cancelled the write: " + e.getMessage();
    return db + " cannot be written: " + e.getMessage();
  }

  @Override
  public boolean isEnvironmental(Throwable e) {
    if (!(e instanceof SQLException s) || s.getSQLState() == null) return false;
    String state = s.getSQLState();
    return state.startsWith("08") || state.startsWith("28") || state.startsWith("53") || state.startsWith("57")
        || state.equals("3D000") || state.equals("25006") || state.equals("42501") || state.equals("55P03");
  }

  @Override
  public String toString() {
    return "PostgreSQL";
  }
}
