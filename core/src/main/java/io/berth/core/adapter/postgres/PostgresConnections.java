package io.berth.core.adapter.postgres;

import io.berth.core.adapter.jdbc.StoreSessions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Opens sessions to the audit database and keeps a few idle ones for reads (a login with
 * SCRAM costs milliseconds the console's queries should not pay each time). Every session commits
 * durably ({@code synchronous_commit = on}, whatever the server's default) and waits at most the
 * lock timeout for the append lock.
 */
final class PostgresConnections implements StoreSessions {
  private static final int MAX_IDLE = 4;

  private final String url;
  private final Properties properties = new Properties();
  private final Duration lockTimeout;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  PostgresConnections(String url, String user, String password, Duration lockTimeout) {
    this.url = url;
    this.lockTimeout = lockTimeout;
    if (user != null) properties.setProperty("user", user);
    if (password != null) properties.setProperty("password", password);
    properties.setProperty("ApplicationName", "berth-audit");
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("tcpKeepAlive", "true");
    // server error details can quote row values; messages name the failure, the trail keeps the values
    properties.setProperty("logServerErrorDetail", "false");
    // a JDBC batch of N rows becomes one multi-row INSERT: one round trip per group commit
    properties.setProperty("reWriteBatchedInserts", "true");
  }

  /** A new session, autocommit on. */
  Connection open() throws SQLException {
    Connection c = DriverManager.getConnection(url, properties);
    try (Statement st = c.createStatement()) {
      st.execute("SET synchronous_commit = on");
      st.execute("SET lock_timeout = " + lockTimeout.toMillis());
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  @Override
  public Connection openWriter() throws SQLException {
    return open();
  }

  /** An idle session or a new one (reads and write transactions alike); give it back with {@link #release}. */
  @Override
  public Connection borrow(boolean write) throws SQLException {
    Connection c = idle.pollFirst();
    return c != null ? c : open();
  }

  /** Takes a borrowed session back: kept when healthy and there is room, else closed. */
  @Override
  public void release(Connection c, boolean healthy) {
    if (c == null) return;
    try {
      if (healthy && !closed && !c.isClosed() && c.getAutoCommit() && idle.size() < MAX_IDLE) {
        idle.addFirst(c);
        if (closed && idle.remove(c)) c.close(); // raced with close()
        return;
      }
    } catch (SQLException ignored) {
      // fall through: a session that cannot answer is closed
    }
    closeQuietly(c);
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // already gone
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection c;
    while ((c = idle.pollFirst()) != null) closeQuietly(c);
  }
}
