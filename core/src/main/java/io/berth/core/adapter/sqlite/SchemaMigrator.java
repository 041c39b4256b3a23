package io.berth.core.adapter.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** Brings an audit database up to the newest schema version this build knows, recording each step. */
final class SchemaMigrator {
  /** Every migration, oldest first. Append new versions here; never edit a released one. */
  static final List<SchemaMigration> ALL = List.of(new V1AuditTable(), new V2WritableProbe(), new V3CheckpointsAndArchive(),
      new V4QueryIndexes());

  private final List<SchemaMigration> migrations;

  SchemaMigrator(List<SchemaMigration> migrations) {
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

  /** Reads the current version (0 for a new file) without taking the write lock. */
  static int currentVersion(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery(
          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
        if (!rs.next() || rs.getInt(1) == 0) return 0;
      }
      try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  /**
   * Applies what is missing, each version in its own transaction. Needs no write access when the
   * file is already current, so a read-only file can still be opened for queries and verify.
   */
  void migrate(Connection c, String file) throws SQLException {
    int current = currentVersion(c);
    checkNotNewer(current, file);
    if (current == latest()) return;
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS schema_version "
          + "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms INTEGER NOT NULL)");
      for (SchemaMigration m : migrations) {
        ImmediateTransaction.run(c, tx -> {
          // Re-read under the write lock: another process may have migrated meanwhile.
          if (currentVersion(tx) >= m.version()) return Optional.empty();
          try (Statement apply = tx.createStatement()) {
            m.apply(apply);
          }
          try (var insert = tx.prepareStatement(
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

  private void checkNotNewer(int current, String file) {
    if (current > latest()) {
      throw new IllegalStateException("audit database " + file + " has schema v" + current
          + " but this Berth knows only up to v" + latest() + "; upgrade Berth to use it");
    }
  }
}
