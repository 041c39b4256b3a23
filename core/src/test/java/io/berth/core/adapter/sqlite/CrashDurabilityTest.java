package io.berth.core.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.VerifyReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL at random moments, many times over the same file: every
 * append that returned must still be there, and the file and its chain must stay intact.
 */
class CrashDurabilityTest {
  private static final int ROUNDS = 20;
  private static final int THREADS = 4;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedAppendSurvivesSigkillAndTheChainStaysValid() throws Exception {
    Path file = dir.resolve("data/audit.db");
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    Set<String> acknowledged = new HashSet<>();
    int killedMidStream = 0;
    Process next = startChild(file, "r0");
    try {
      for (int round = 0; round < ROUNDS; round++) {
        Process current = next;
        // JVM start-up dominates a round: start the next child now; it waits for "go".
        next = round + 1 < ROUNDS ? startChild(file, "r" + (round + 1)) : null;
        int killAfterAcks = 1 + random.nextInt(150);
        List<String> acks = runAndKill(current, "r" + round, killAfterAcks);
        acknowledged.addAll(acks);
        if (acks.size() >= killAfterAcks) killedMidStream++;
      }
    } finally {
      if (next != null) next.destroyForcibly();
    }
    assertThat(killedMidStream).as("rounds killed while appending (seed %d)", seed).isEqualTo(ROUNDS);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("ok");
      }
      Set<String> stored = new HashSet<>();
      try (ResultSet rs = st.executeQuery("SELECT request_id FROM audit")) {
        while (rs.next()) stored.add(rs.getString(1));
      }
      Set<String> lost = new HashSet<>(acknowledged);
      lost.removeAll(stored);
      assertThat(lost).as("acknowledged but not stored (seed %d)", seed).isEmpty();
      assertThat(stored.size()).isGreaterThanOrEqualTo(acknowledged.size());
    }
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      VerifyReport report = trail.verify();
      assertThat(report.problems()).isEmpty();
      assertThat(report.recordsChecked()).isGreaterThanOrEqualTo(acknowledged.size());
    }
  }

  /** The test class path without logback: the child starts faster with slf4j's no-op logger. */
  private static String childClassPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> !entry.contains("logback"))
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  private static Process startChild(Path file, String round) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", childClassPath(), AuditAppendChild.class.getName(), file.toString(), round, Integer.toString(THREADS))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Lets a started child write, and kills it with SIGKILL once it has acknowledged {@code killAfter} appends. */
  private List<String> runAndKill(Process child, String round, int killAfter) throws Exception {
    child.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
    child.getOutputStream().flush();
    List<String> acks = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ACK ") && line.length() > 4) {
          acks.add(line.substring(4));
          // SIGKILL via the handle: Process.destroyForcibly would also close our end of the pipe,
          // losing acknowledgements the child wrote just before dying.
          if (acks.size() == killAfter) child.toHandle().destroyForcibly();
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    // A line cut by the kill never ends in a full id; keep only complete ones from this round.
    acks.removeIf(id -> !id.matches(round + "-\\d+-\\d+"));
    return acks;
  }
}
