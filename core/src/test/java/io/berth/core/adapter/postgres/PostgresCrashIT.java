package io.berth.core.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditRow;
import io.berth.core.audit.AuditVerifier;
import io.berth.core.audit.SigningKeys;
import io.berth.core.audit.VerifyReport;
import io.berth.core.testing.PostgresCluster;
import io.berth.core.testing.PostgresForClass;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Berth processes append to one PostgreSQL store at the same time; 20 times one of them is
 * killed with SIGKILL while appending (and replaced), the other writing on. Afterwards: one linear
 * chain (seq 1..n, every link to the record before), every acknowledged append stored, the
 * checkpoints both processes signed valid, verify green.
 */
class PostgresCrashIT {
  private static final int KILLS = 20;
  private static final int THREADS = 4;
  @RegisterExtension static final PostgresForClass postgres = new PostgresForClass();

  @TempDir Path dir;

  /** One running child: its acknowledgements are read on a thread of their own. */
  private static final class Child {
    final Process process;
    final String round;
    final AtomicInteger acks = new AtomicInteger();
    final Thread reader;

    Child(Process process, String round, Set<String> acknowledged) {
      this.process = process;
      this.round = round;
      this.reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = out.readLine()) != null) {
            // a line cut by the kill never ends in a full id of this round
            if (line.startsWith("ACK ") && line.substring(4).matches(round + "-\\d+-\\d+")) {
              acknowledged.add(line.substring(4));
              acks.incrementAndGet();
            }
          }
        } catch (java.io.IOException e) {
          // pipe closed by the kill: everything read so far counts
        }
      }, "ack-reader-" + round);
      reader.start();
    }

    /** SIGKILL; waits until every acknowledgement it printed has been read. */
    void kill() throws InterruptedException {
      process.toHandle().destroyForcibly(); // SIGKILL, keeping our end of the pipe open to read what it wrote
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      reader.join(20_000);
    }
  }

  @Test
  void twoProcessesKilledTwentyTimesWhileAppendingLeaveOneLinearChainWithEveryAcknowledgedRecord() throws Exception {
    String database = postgres.cluster().createDatabase();
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String signingKey = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Child[] slots = new Child[2];
    int round = 0;
    int killedWhileBothWrote = 0;
    try {
      for (int s = 0; s < 2; s++) slots[s] = start(database, signingKey, "r" + round++, acknowledged);
      for (int kill = 0; kill < KILLS; kill++) {
        int victim = kill % 2;
        Child doomed = slots[victim];
        Child other = slots[1 - victim];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // the replacement started last round needs its JVM up first: both must be appending when the kill comes
        while ((other.acks.get() == 0 || doomed.acks.get() == 0) && System.nanoTime() < deadline) Thread.sleep(1);
        int killAt = doomed.acks.get() + 1 + random.nextInt(150);
        int otherBefore = other.acks.get();
        // kill once it has acknowledged killAt and the other process has appended meanwhile too
        while ((doomed.acks.get() < killAt || other.acks.get() == otherBefore) && doomed.process.isAlive()
            && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        boolean otherWrote = other.acks.get() > otherBefore && other.process.isAlive();
        doomed.kill();
        if (doomed.acks.get() >= killAt && otherWrote) killedWhileBothWrote++;
        slots[victim] = start(database, signingKey, "r" + round++, acknowledged);
      }
    } finally {
      for (Child c : slots) if (c != null) c.kill();
    }
    try (PostgresAuditTrail trail = PostgresAuditTrail.open(
        PostgresAuditTrail.Settings.of(postgres.cluster().url(database), PostgresCluster.USER).withReadOnly(true), postgres.cluster().password())) {
      List<AuditRow> rows = new ArrayList<>();
      trail.replay(1, Long.MAX_VALUE, rows::add);
      for (int i = 0; i < rows.size(); i++) {
        assertThat(rows.get(i).seq()).as("seq without gaps").isEqualTo(i + 1L);
        assertThat(rows.get(i).prevHash()).as("link of seq %d", i + 1)
            .isEqualTo(i == 0 ? AuditRow.GENESIS : rows.get(i - 1).hash());
      }
      Set<String> stored = rows.stream().map(AuditRow::requestId).collect(Collectors.toSet());
      Set<String> lost = new HashSet<>(acknowledged);
      lost.removeAll(stored);
      assertThat(lost).as("acknowledged but not stored (seed %d)", seed).isEmpty();
      long writers = rows.stream().map(AuditRow::platformUserId).distinct().count();
      // every killed process wrote; the last replacement may be stopped before its JVM is up
      assertThat(writers).as("processes that wrote").isGreaterThanOrEqualTo(KILLS + 1L);
      long switches = 0;
      for (int i = 1; i < rows.size(); i++) {
        if (!rows.get(i).platformUserId().equals(rows.get(i - 1).platformUserId())) switches++;
      }
      assertThat(switches).as("the two processes' batches interleave in the one chain").isGreaterThan(KILLS * 2L);
      assertThat(trail.checkpoints()).as("checkpoints signed along the way").hasSizeGreaterThan(KILLS);
      VerifyReport report = new AuditVerifier(trail).withPublicKey(keys.getPublic()).verify();
      assertThat(report.problems()).isEmpty();
      assertThat(report.recordsChecked()).isEqualTo(rows.size()).isGreaterThanOrEqualTo(acknowledged.size());
    }
    assertThat(killedWhileBothWrote).as("kills while both processes were appending (seed %d)", seed).isEqualTo(KILLS);
  }

  private Child start(String database, String signingKey, String round, Set<String> acknowledged) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("logback")) // slf4j's no-op logger: a faster start
        .collect(Collectors.joining(File.pathSeparator));
    ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", classPath, PostgresAppendChild.class.getName(), postgres.cluster().url(database), PostgresCluster.USER, round,
        Integer.toString(THREADS), dir.resolve("audit-signing.key").toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    // secrets through the environment, never the command line (visible in ps)
    pb.environment().put("BERTH_AUDIT_PG_PASSWORD", postgres.cluster().password());
    pb.environment().put(SigningKeys.ENV, signingKey);
    return new Child(pb.start(), round, acknowledged);
  }
}
