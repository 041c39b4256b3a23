package io.berth.core.adapter.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Brings a store up to the newest schema version this build knows (each store numbers its own),
 * recording each step in {@code schema_version}. Every step is one write transaction under the
 * store's write lock, so processes starting together apply each step once.
 */
final class SchemaMigrator {
  private final SqlDialect dialect;
  private final List<SchemaMigration> migrations;

  SchemaMigrator(SqlDialect dialect, List<SchemaMigration> migrations) {
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException("migrations must be numbered 1..n in order; found v"
            + migrations.get(i).version() + " at position " + (i + 1));
      }
    }
    this.dialect = dialect;
    this.migrations = List.copyOf(migrations);
  }

  int latest() {
    return migrations.size();
  }

  /** Reads the current version (0 for a new store) without taking the write lock. */
  int currentVersion(Connection c) throws SQLException {
    if (!dialect.hasTable(c, "schema_version")) return 0;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Refuses a store written by a newer Berth; writes nothing. */
  void checkNotNewer(Connection c, String name) throws SQLException {
    int current = currentVersion(c);
    if (current > latest()) {
      throw new IllegalStateException("audit database " + name + " has schema v" + current
          + " but this Berth knows only up to v" + latest() + "; upgrade Berth to use it");
    }
  }

  /**
   * Applies what is missing, each version in its own transaction. Needs no write access when the
   * store is already current, so a read-only one can still be opened for queries and verify.
   */
  void migrate(Connection c, String name) throws SQLException {
    checkNotNewer(c, name);
    if (currentVersion(c) == latest()) return;
    for (SchemaMigration m : migrations) {
      WriteTransaction.run(c, dialect, tx -> {
        try (Statement st = tx.createStatement()) {
          st.execute(dialect.createSchemaVersionTable());
          // Re-read under the write lock: another process may have migrated meanwhile.
          if (currentVersion(tx) >= m.version()) return Optional.empty();
          m.apply(st);
        }
        try (PreparedStatement insert = tx.prepareStatement(
            "INSERT INTO schema_version (version, description, applied_ms) VALUES (?, ?, ?)")) {
          insert.setInt(1, m.version());
          insert.setString(2, m.description());
          insert.setLong(3, System.currentTimeMillis());
          insert.executeUpdate();
        }
        return Optional.of(m.version());
      });
    }
  }
}
