package io.berth.core.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.model.Source;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waking the callers of a commit (one futex wake each) is not the writer's job: it was ~30 % of its
 * CPU at 64 writers, on the serial path of every append.
 */
class GroupCommitWriterReleaseTest {
  @TempDir Path dir;

  @Test
  void theCallersOfACommitAreReleasedByAnotherThreadThanTheWriter() throws Exception {
    Path file = dir.resolve("audit.db");
    SqliteAuditTrail.open(file, new SqliteAuditTrail.Settings(Duration.ofSeconds(5), 1000, false)).close();
    CountDownLatch open = new CountDownLatch(1);
    try (var writer = new GroupCommitWriter(SqliteDialect.INSTANCE, () -> {
      try {
        open.await(); // holds the writer until the caller below waits on its future
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return DriverManager.getConnection("jdbc:sqlite:" + file);
    }, () -> {}, new StoreFailures(SqliteDialect.INSTANCE, "test", Duration.ofSeconds(5)), 1000, "test")) {
      CompletableFuture<Void> done = writer.submit(entry("r1"));
      // runs on the thread that completes the future (it is not complete yet: the writer is held)
      CompletableFuture<String> releasedBy = done.thenApply(v -> Thread.currentThread().getName());
      open.countDown();
      assertThat(releasedBy.get(30, TimeUnit.SECONDS)).startsWith("audit-release").doesNotStartWith("audit-writer");
      writer.appendAndWait(entry("r2")); // and the writer goes on
    }
  }

  private static AuditEntry entry(String id) {
    return new AuditEntry(id, Instant.now(), AuditOutcome.REQUESTED, "alice", Source.CLI, "alice", "Alice", "local",
        "stop web", "stop", "web", null, null);
  }
}
