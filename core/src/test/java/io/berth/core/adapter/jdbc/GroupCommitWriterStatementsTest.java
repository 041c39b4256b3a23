package io.berth.core.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.model.Source;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's commit is the serial path of every append: beyond its BEGIN and COMMIT it must not
 * create a statement per commit (the tail's two reads were parsed and planned again for each one).
 */
class GroupCommitWriterStatementsTest {
  @TempDir Path dir;

  @Test
  void aCommitUnderTheLockCreatesOnlyItsBeginAndCommitStatements() throws Exception {
    Path file = dir.resolve("audit.db");
    var settings = new SqliteAuditTrail.Settings(Duration.ofSeconds(5), 1000, false);
    SqliteAuditTrail.open(file, settings).close(); // the schema
    AtomicInteger created = new AtomicInteger();
    Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
    Connection counting = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("createStatement") || method.getName().equals("prepareStatement")) {
            created.incrementAndGet();
          }
          try {
            return method.invoke(raw, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    int commits = 10;
    try (var writer = new GroupCommitWriter(SqliteDialect.INSTANCE, () -> counting, () -> {},
        new StoreFailures(SqliteDialect.INSTANCE, "test", Duration.ofSeconds(5)), 1000, "test")) {
      writer.appendAndWait(entry("first")); // the session's first commit prepares (and an empty table looks for archives)
      created.set(0);
      for (int i = 0; i < commits; i++) writer.appendAndWait(entry("r" + i)); // one at a time: one commit each
    }
    // BEGIN IMMEDIATE and COMMIT per commit; the INSERT and the tail's two reads were prepared by the first
    assertThat(created.get()).isLessThanOrEqualTo(2 * commits);
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file, settings)) {
      var report = trail.verify();
      assertThat(report.ok()).as(report.problems().toString()).isTrue();
      assertThat(report.recordsChecked()).isEqualTo(commits + 1);
    }
  }

  private static AuditEntry entry(String id) {
    return new AuditEntry(id, Instant.now(), AuditOutcome.REQUESTED, "alice", Source.CLI, "alice", "Alice", "local",
        "stop web", "stop", "web", null, null);
  }
}
