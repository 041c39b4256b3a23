package io.berth.core.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No space left: a writer process runs under a 1.5 MiB file-size limit (prlimit, RLIMIT_FSIZE), so
 * the kernel refuses the audit file's growth as a full disk would. The trail must refuse appends
 * loudly, report itself unwritable, and leave a file that is intact and verifies.
 */
class DiskFullTest {
  @TempDir Path dir;

  @Test
  void whenTheFileCannotGrowAppendsAreRefusedAndNothingAcknowledgedIsLost() throws Exception {
    Path file = dir.resolve("audit.db");
    SqliteAuditTrail.open(file).close();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder("prlimit", "--fsize=" + (3 << 19), "--", java, "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), DiskFullChild.class.getName(), file.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> lines = out.lines().filter(l -> l.matches("(ACKED|REFUSED|WRITABLE) .*")).toList();

    assertThat(lines).as(out).hasSize(3);
    int acked = Integer.parseInt(lines.get(0).substring("ACKED ".length()));
    assertThat(acked).isPositive();
    assertThat(lines.get(1)).startsWith("REFUSED audit database " + file).containsAnyOf("disk full", "I/O error");
    assertThat(lines.get(2)).isEqualTo("WRITABLE false");

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("ok");
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM audit")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(acked);
      }
    }
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      assertThat(trail.verify().problems()).isEmpty();
      trail.append(Entries.requested("after", "alice", "ps", "")); // space is back: writes resume
      assertThat(trail.head().seq()).isEqualTo(acked + 1);
    }
  }
}
