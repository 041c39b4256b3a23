package io.berth.core.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The PostgreSQL audit schema's migrations (its own numbering, independent of SQLite's) and the
 * one lock every writer takes: a transaction-scoped advisory lock, so appends, checkpoints, prunes
 * and migrations from any number of Berth processes are serialised and the chain stays linear.
 */
final class PostgresSchema {
  /** Every migration, oldest first. Append new versions here; never edit a released one. */
  static final List<PostgresMigration> ALL = List.of(new V1PostgresAuditSchema());

  /** The advisory lock key ("BerthAud" in ASCII). Held from the tail read to COMMIT. */
  static final long APPEND_LOCK = 0x4265727468417564L;

  private final List<PostgresMigration> migrations;

  PostgresSchema(List<PostgresMigration> migrations) {
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException("migrations must be numbered 1..n in order; found v"
            + migrations.get(i).version() + " at position " + (i + 1));
      }
    }
    this.migrations = List.copyOf(migrations);
  }

  int latest() {
    return migrations.size();
  }

  /** Takes the append lock for the rest of the current transaction (autocommit must be off). */
  static void lock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      ps.setLong(1, APPEND_LOCK);
      ps.executeQuery().close();
    }
  }

  static int currentVersion(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL")) {
        if (!rs.next() || !rs.getBoolean(1)) return 0;
      }
      try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  /** Applies what is missing, each version in its own transaction; writes nothing when current. */
  void migrate(Connection c, String name) throws SQLException {
    int current = currentVersion(c);
    if (current > latest()) {
      throw new IllegalStateException("audit database " + name + " has schema v" + current
          + " but this Berth knows only up to v" + latest() + "; upgrade Berth to use it");
    }
    if (current == latest()) return;
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      for (PostgresMigration m : migrations) {
        try (Statement st = c.createStatement()) {
          lock(c);
          st.execute("CREATE TABLE IF NOT EXISTS schema_version "
              + "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
          // Re-read under the lock: another process may have migrated meanwhile.
          if (currentVersion(c) >= m.version()) {
            c.rollback();
            continue;
          }
          m.apply(st);
          try (PreparedStatement insert = c.prepareStatement(
              "INSERT INTO schema_version (version, description, applied_ms) VALUES (?, ?, ?)")) {
            insert.setInt(1, m.version());
            insert.setString(2, m.description());
            insert.setLong(3, System.currentTimeMillis());
            insert.executeUpdate();
          }
          c.commit();
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
      }
    } finally {
      c.setAutoCommit(auto);
    }
  }

  static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is gone: the server rolled back already
    }
  }
}
