package io.berth.core.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditUnavailableException;
import io.berth.core.model.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAuditTrailTest {
  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00.123Z");

  private SqliteAuditTrail open() {
    return SqliteAuditTrail.open(dir.resolve("data/audit.db"));
  }

  @Test
  void opensInMissingDirectoryInWalModeWithFullSync() throws Exception {
    try (SqliteAuditTrail trail = open()) {
      trail.append(Entries.requested("r1", "alice", "ps", ""));
    }
    assertThat(dir.resolve("data/audit.db")).exists();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/audit.db"));
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
  }

  @Test
  void appendedRecordsComeBackNewestFirstWithEveryField() {
    try (SqliteAuditTrail trail = open()) {
      AuditEntry first = new AuditEntry("req-1", T0, AuditOutcome.REQUESTED, "alice", Source.DISCORD, "D42",
          "Alice A.", "G1/C2", "stop web", "stop", "web", null, null);
      AuditEntry second = new AuditEntry("req-1", T0.plusMillis(250), AuditOutcome.SUCCEEDED, "alice",
          Source.DISCORD, "D42", "Alice A.", "G1/C2", "stop web", "stop", "web", "stopped", 250L);
      trail.append(first);
      trail.append(second);

      List<AuditRecord> records = trail.query(AuditFilter.ALL, 10);

      assertThat(records).extracting(AuditRecord::seq).containsExactly(2L, 1L);
      assertThat(records.get(0).entry()).isEqualTo(second);
      assertThat(records.get(1).entry()).isEqualTo(first);
      assertThat(records.get(1).prevHash()).isEqualTo("0".repeat(64));
      assertThat(records.get(0).prevHash()).isEqualTo(records.get(1).hash());
      assertThat(records.get(0).hash()).matches("[0-9a-f]{64}");
    }
  }

  @Test
  void aRecordTimedFarBeforeTheNewestIsMovedToTheSkewBoundSoTimeRangesStayExact() {
    try (SqliteAuditTrail trail = open()) {
      trail.append(Entries.of("a", AuditOutcome.DENIED, "alice", Source.SLACK, "rm a", "rm", "a", "no", T0.plusSeconds(3600)));
      trail.append(Entries.of("b", AuditOutcome.DENIED, "alice", Source.SLACK, "rm b", "rm", "b", "no", T0.plusSeconds(3590)));
      trail.append(Entries.of("c", AuditOutcome.DENIED, "alice", Source.SLACK, "rm c", "rm", "c", "no", T0)); // clock stepped back 1 h

      List<AuditRecord> all = trail.query(AuditFilter.ALL, 10);
      assertThat(all).extracting(r -> r.entry().time())
          .containsExactly(T0.plusSeconds(3540), T0.plusSeconds(3590), T0.plusSeconds(3600));
      assertThat(trail.verify().problems()).isEmpty();
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, T0.plusSeconds(3590), T0.plusSeconds(3600), null, null)))
          .containsExactly(2L);
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, null, T0.plusSeconds(3595), null, null)))
          .containsExactly(3L, 2L);
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, T0.plusSeconds(3595), null, null, null)))
          .containsExactly(1L);
    }
  }

  @Test
  void anUnknownIdentityIsFoundByItsPlatformIdAndTextSearchKeepsSubstringMeaning() {
    try (SqliteAuditTrail trail = open()) {
      trail.append(new io.berth.core.audit.AuditEntry("u", T0, AuditOutcome.DENIED, null, Source.SLACK, "U-ghost",
          "Ghost", "T1/C1", "rm \"db\" Straße", "rm", "db", "unknown identity", 0L));
      trail.append(Entries.of("v", AuditOutcome.FAILED, "alice", Source.WEB, "logs api", "logs", "api", "Timed out", T0));

      assertThat(seqs(trail, new AuditFilter("U-ghost", null, null, null, null, null, null, null, null))).containsExactly(1L);
      // substring, any case for ASCII, inside words, quotes and non-ASCII taken literally, 1-2 characters too
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, null, null, "MED OU", null))).containsExactly(2L);
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, null, null, "\"db\" Stra", null))).containsExactly(1L);
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, null, null, "straße", null))).containsExactly(1L);
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, null, null, "STRASSE", null))).isEmpty();
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, null, null, "ap", null))).containsExactly(2L);
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, null, null, "b\"", null))).containsExactly(1L);
    }
  }

  @Test
  void filtersSelectByUserSourceActionTargetOutcomeTimeAndText() {
    try (SqliteAuditTrail trail = open()) {
      trail.append(Entries.of("a", AuditOutcome.REQUESTED, "alice", Source.SLACK, "stop web", "stop", "web", null, T0));
      trail.append(Entries.of("a", AuditOutcome.SUCCEEDED, "alice", Source.SLACK, "stop web", "stop", "web", "ok", T0.plusSeconds(1)));
      trail.append(Entries.of("b", AuditOutcome.DENIED, "bob", Source.DISCORD, "rm db", "rm", "db", "viewer may not rm", T0.plusSeconds(60)));
      trail.append(Entries.of("c", AuditOutcome.FAILED, "carol", Source.WEB, "logs api_1", "logs", "api_1", "100% broken", T0.plusSeconds(120)));

      assertThat(seqs(trail, new AuditFilter("bob", null, null, null, null, null, null, null, null))).containsExactly(3L);
      // the user filter's key is the Berth user, or an unknown identity's platform id (one index serves both)
      assertThat(seqs(trail, new AuditFilter("U-carol", null, null, null, null, null, null, null, null))).isEmpty();
      assertThat(seqs(trail, new AuditFilter("carol", null, null, null, null, null, null, null, null))).containsExactly(4L);
      assertThat(seqs(trail, new AuditFilter(null, Source.SLACK, null, null, null, null, null, null, null))).containsExactly(2L, 1L);
      assertThat(seqs(trail, new AuditFilter(null, null, "rm", null, null, null, null, null, null))).containsExactly(3L);
      assertThat(seqs(trail, new AuditFilter(null, null, null, "web", null, null, null, null, null))).containsExactly(2L, 1L);
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, AuditOutcome.SUCCEEDED, null, null, null, null))).containsExactly(2L);
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, T0.plusSeconds(1), T0.plusSeconds(120), null, null)))
          .containsExactly(3L, 2L);
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, null, null, "VIEWER", null))).containsExactly(3L);
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, null, null, "api_", null))).containsExactly(4L);
      // LIKE wildcards in the search text are literal: "%" matches only a real percent sign
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, null, null, "%", null))).containsExactly(4L);
      assertThat(seqs(trail, new AuditFilter(null, null, null, null, null, null, null, "a_i", null))).isEmpty();
      assertThat(seqs(trail, new AuditFilter("alice", Source.SLACK, "stop", "web", AuditOutcome.REQUESTED, null, null, "stop", null)))
          .containsExactly(1L);
    }
  }

  @Test
  void keysetPaginationWalksEveryRecordOnceNewestFirst() {
    try (SqliteAuditTrail trail = open()) {
      for (int i = 0; i < 25; i++) trail.append(Entries.requested("r" + i, "alice", "ps", ""));
      List<Long> seen = new ArrayList<>();
      AuditFilter filter = AuditFilter.ALL;
      while (true) {
        List<AuditRecord> page = trail.query(filter, 10);
        if (page.isEmpty()) break;
        page.forEach(r -> seen.add(r.seq()));
        filter = filter.before(page.get(page.size() - 1).seq());
      }
      assertThat(seen).hasSize(25).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
      assertThat(seen.get(0)).isEqualTo(25L);
    }
  }

  @Test
  void concurrentWritersAreAllStoredInOneValidChain() throws Exception {
    int threads = 8;
    int perThread = 500;
    try (SqliteAuditTrail trail = open()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) trail.append(Entries.requested("t" + thread + "-" + i, "u" + thread, "ps", ""));
        }));
      }
      for (Future<?> f : futures) f.get();
      pool.shutdown();

      var report = trail.verify();
      assertThat(report.problems()).isEmpty();
      assertThat(report.recordsChecked()).isEqualTo(threads * perThread);
      Set<String> ids = new HashSet<>();
      AuditFilter filter = AuditFilter.ALL;
      List<AuditRecord> page;
      while (!(page = trail.query(filter, 500)).isEmpty()) {
        page.forEach(r -> ids.add(r.entry().requestId()));
        filter = filter.before(page.get(page.size() - 1).seq());
      }
      assertThat(ids).hasSize(threads * perThread);
      assertThat(trail.head().seq()).isEqualTo(threads * perThread);
    }
  }

  @Test
  void twoProcessesAppendingToOneFileKeepOneValidChain() throws Exception {
    // e.g. `berth serve` and a one-shot `berth docker ...` sharing data/audit.db
    Path file = dir.resolve("audit.db");
    try (SqliteAuditTrail serve = SqliteAuditTrail.open(file); SqliteAuditTrail cli = SqliteAuditTrail.open(file)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        SqliteAuditTrail trail = t % 2 == 0 ? serve : cli;
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 150; i++) trail.append(Entries.requested("p" + thread + "-" + i, "u", "ps", ""));
        }));
      }
      for (Future<?> f : futures) f.get();
      pool.shutdown();
      var report = serve.verify();
      assertThat(report.problems()).isEmpty();
      assertThat(report.recordsChecked()).isEqualTo(600);
    }
  }

  @Test
  void closeInterruptedEndsEveryRequestThatNeverFinished() {
    Path file = dir.resolve("audit.db");
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      trail.append(Entries.requested("done", "alice", "stop", "web"));
      trail.append(Entries.succeeded("done", "alice", "stop", "web"));
      trail.append(Entries.requested("cut-1", "bob", "run", "busybox"));
      trail.append(Entries.requested("cut-2", "carol", "rm", "db"));
    }
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      assertThat(trail.closeInterrupted()).isEqualTo(2);
      List<AuditRecord> interrupted = trail.query(
          new AuditFilter(null, null, null, null, AuditOutcome.INTERRUPTED, null, null, null, null), 10);
      assertThat(interrupted).extracting(r -> r.entry().requestId()).containsExactlyInAnyOrder("cut-1", "cut-2");
      AuditEntry bob = interrupted.stream().filter(r -> r.entry().requestId().equals("cut-1")).findFirst().orElseThrow().entry();
      assertThat(bob.berthUser()).isEqualTo("bob");
      assertThat(bob.action()).isEqualTo("run");
      assertThat(bob.target()).isEqualTo("busybox");
      assertThat(trail.closeInterrupted()).isZero();
      assertThat(trail.verify().ok()).isTrue();
    }
  }

  @Test
  void databaseTriggersRefuseUpdateAndDelete() throws Exception {
    Path file = dir.resolve("audit.db");
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      trail.append(Entries.requested("r1", "alice", "ps", ""));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeUpdate("UPDATE audit SET target = 'x'")).hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit")).hasMessageContaining("append-only");
    }
  }

  @Test
  void appendAfterCloseFailsClosed() {
    SqliteAuditTrail trail = open();
    trail.close();
    assertThatThrownBy(() -> trail.append(Entries.requested("r1", "alice", "ps", "")))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageContaining("is closed");
    assertThat(trail.writable()).isFalse();
  }

  @Test
  void appendFailsClosedWhenAnotherProcessHoldsTheWriteLockPastTheTimeout() throws Exception {
    Path file = dir.resolve("audit.db");
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS.withBusyTimeout(Duration.ofMillis(300)));
        Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = other.createStatement()) {
      assertThat(trail.writable()).isTrue();
      st.execute("BEGIN IMMEDIATE");
      try {
        assertThatThrownBy(() -> trail.append(Entries.requested("r1", "alice", "stop", "web")))
            .isInstanceOf(AuditUnavailableException.class)
            .hasMessageContaining("audit.db is locked by another writer for more than 300 ms");
        assertThat(trail.writable()).isFalse();
      } finally {
        st.execute("ROLLBACK");
      }
      // Recovers by itself once the lock is gone.
      trail.append(Entries.requested("r2", "alice", "stop", "web"));
      assertThat(trail.query(AuditFilter.ALL, 10)).extracting(r -> r.entry().requestId()).containsExactly("r2");
      assertThat(trail.writable()).isTrue();
    }
  }

  @Test
  void readOnlyFileFailsAppendsClosedButStillAnswersQueries() throws Exception {
    Path file = dir.resolve("audit.db");
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      trail.append(Entries.requested("before", "alice", "ps", ""));
    }
    try (ReadOnlyFiles locked = ReadOnlyFiles.lock(file);
        SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      assertThat(trail.writable()).isFalse();
      assertThatThrownBy(() -> trail.append(Entries.requested("after", "alice", "stop", "web")))
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessage("audit database " + file + " is read-only");
      assertThat(trail.query(AuditFilter.ALL, 10)).extracting(r -> r.entry().requestId()).containsExactly("before");
      assertThat(trail.verify().ok()).isTrue();
    }
  }

  @Test
  void startsOnAReadOnlyDirectoryAndRefusesAppendsWithTheReason() throws Exception {
    Path data = dir.resolve("data");
    Path file = data.resolve("audit.db");
    SqliteAuditTrail.open(file).close(); // clean close: no -wal/-shm left, and none can be created
    try (ReadOnlyFiles locked = ReadOnlyFiles.lock(file, data);
        SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      assertThatThrownBy(() -> trail.append(Entries.requested("r1", "alice", "stop", "web")))
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageStartingWith("audit database " + file);
      assertThat(trail.writable()).isFalse();
    }
  }

  @Test
  void startsWhileAnotherProcessHoldsTheLockAndCatchesUpOnceItIsReleased() throws Exception {
    Path file = dir.resolve("audit.db");
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = other.createStatement()) {
      st.execute("BEGIN EXCLUSIVE");
      st.execute("CREATE TABLE unrelated (x)");
      try (SqliteAuditTrail trail = SqliteAuditTrail.open(file,
          SqliteAuditTrail.Settings.DEFAULTS.withBusyTimeout(Duration.ofMillis(200)))) {
        assertThatThrownBy(() -> trail.append(Entries.requested("r1", "alice", "stop", "web")))
            .isInstanceOf(AuditUnavailableException.class)
            .hasMessageContaining("is locked by another writer for more than 200 ms");
        st.execute("COMMIT");
        trail.append(Entries.requested("r2", "alice", "stop", "web"));
        assertThat(trail.query(AuditFilter.ALL, 5)).extracting(r -> r.entry().requestId()).containsExactly("r2");
        assertThat(trail.verify().ok()).isTrue();
        assertThat(trail.writable()).isTrue();
      }
    }
  }

  @Test
  void readOnlySettingRefusesEveryAppend() throws Exception {
    Path file = dir.resolve("audit.db");
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      trail.append(Entries.requested("before", "alice", "ps", ""));
    }
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS.withReadOnly(true))) {
      assertThatThrownBy(() -> trail.append(Entries.requested("after", "alice", "ps", "")))
          .isInstanceOf(AuditUnavailableException.class).hasMessageContaining("is read-only");
      assertThat(trail.query(AuditFilter.ALL, 5)).hasSize(1);
    }
    assertThat(Files.exists(file)).isTrue();
  }

  private static List<Long> seqs(SqliteAuditTrail trail, AuditFilter filter) {
    return trail.query(filter, 100).stream().map(AuditRecord::seq).toList();
  }
}
