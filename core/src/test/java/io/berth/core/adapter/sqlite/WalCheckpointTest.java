package io.berth.core.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's WAL is copied back into the database file by the store's checkpointer, never inside a commit. */
class WalCheckpointTest {
  private static final int APPENDS = 400; // one commit each, several WAL pages each: well past SQLite's 1,000

  @TempDir Path dir;

  @Test
  void noCommitCheckpointsTheWalWhenTheCheckpointerHasNotRun() throws Exception {
    Path db = dir.resolve("audit.db");
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(db, SqliteAuditTrail.Settings.DEFAULTS, Duration.ofHours(1))) {
      for (int i = 0; i < APPENDS; i++) trail.append(Entries.succeeded("r" + i, "alice", "restart", "web-" + i));
      assertThat(trail.walCheckpoints()).isZero();
      // A commit that checkpointed would have started the WAL over (SQLite restarts it after a complete
      // checkpoint): it would hold fewer than 1,000 frames. Every frame since the first commit is still there.
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
        rs.next();
        assertThat(rs.getInt(2)).as("WAL frames").isGreaterThan(1500);
      }
    }
  }

  @Test
  void theCheckpointerCopiesCommitsIntoTheDatabaseFileSoonAfter() throws Exception {
    Path db = dir.resolve("audit.db");
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(db, SqliteAuditTrail.Settings.DEFAULTS, Duration.ofMillis(50))) {
      trail.append(Entries.succeeded("first", "alice", "ps", ""));
      long empty = Files.size(db);
      for (int i = 0; i < APPENDS; i++) trail.append(Entries.succeeded("r" + i, "alice", "restart", "web-" + i));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (Files.size(db) < empty + 100_000 && System.nanoTime() < deadline) Thread.sleep(20);
      assertThat(Files.size(db)).as("database file, bytes").isGreaterThan(empty + 100_000);
      assertThat(trail.walCheckpoints()).isPositive();
      assertThat(trail.verify().problems()).isEmpty();
    }
  }
}
