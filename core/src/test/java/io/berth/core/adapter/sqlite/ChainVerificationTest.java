package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.AuditRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRow;
import io.berth.core.audit.VerifyReport;
import io.berth.core.model.Source;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tampering done the way someone with the sqlite3 CLI would: drop the triggers, then edit rows. */
class ChainVerificationTest {
  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void tenRecords() {
    file = dir.resolve("audit.db");
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      for (int i = 1; i <= 10; i++) trail.append(Entries.requested("r" + i, "alice", "stop", "web" + i));
    }
  }

  @Test
  void untouchedChainVerifies() {
    VerifyReport report = verify();
    assertThat(report.ok()).isTrue();
    assertThat(report.recordsChecked()).isEqualTo(10);
  }

  @Test
  void editedRecordIsReportedBySeq() throws Exception {
    sql("UPDATE audit SET target = 'db' WHERE seq = 4");
    assertThat(verify().problems())
        .contains("seq 4: contents do not match its hash (edited)")
        .noneMatch(p -> p.startsWith("seq 5"));
  }

  @Test
  void editedRecordWithRecomputedHashBreaksTheNextLink() throws Exception {
    try (Connection c = tamper()) {
      AuditRow row = row(c, 4);
      AuditRow forged = new AuditRow(row.seq(), row.requestId(), row.timeMs(), row.outcome(), "mallory", row.source(),
          row.platformUserId(), row.displayName(), row.location(), row.commandText(), row.action(), row.target(),
          row.message(), row.durationMs(), row.context(), row.prevHash(), null);
      forged = forged.withHash(forged.computeHash());
      try (PreparedStatement ps = c.prepareStatement("UPDATE audit SET berth_user = ?, hash = ? WHERE seq = 4")) {
        ps.setString(1, "mallory");
        ps.setString(2, forged.hash());
        ps.executeUpdate();
      }
    }
    assertThat(verify().problems())
        .anyMatch(p -> p.startsWith("seq 5: prev_hash does not match the hash of seq 4"))
        .noneMatch(p -> p.startsWith("seq 4"));
  }

  @Test
  void deletedRecordIsReportedAsMissing() throws Exception {
    sql("DELETE FROM audit WHERE seq = 6");
    VerifyReport report = verify();
    assertThat(report.problems()).contains("seq 6 is missing (deleted)")
        .anyMatch(p -> p.startsWith("seq 7: prev_hash does not match"));
    assertThat(report.recordsChecked()).isEqualTo(9);
  }

  @Test
  void recordInsertedMidChainIsReported() throws Exception {
    try (Connection c = tamper(); Statement st = c.createStatement()) {
      for (int seq = 10; seq >= 5; seq--) st.executeUpdate("UPDATE audit SET seq = seq + 1 WHERE seq = " + seq);
      AuditRow before = row(c, 4);
      AuditRow forged = AuditRow.link(5, Entries.of("forged", AuditOutcome.SUCCEEDED, "alice", Source.CLI,
          "start web", "start", "web", "ok", Instant.now()), before.hash());
      insert(c, forged);
    }
    assertThat(verify().problems())
        .contains("seq 6 links to seq 4, not to seq 5: the records in between were inserted")
        .noneMatch(p -> p.startsWith("seq 5"));
  }

  @Test
  void recordAppendedWithoutTheChainIsReported() throws Exception {
    try (Connection c = tamper()) {
      AuditRow forged = AuditRow.link(11, Entries.requested("forged", "alice", "rm", "db"), "f".repeat(64));
      insert(c, forged);
    }
    assertThat(verify().problems()).anyMatch(p -> p.startsWith("seq 11: prev_hash does not match the hash of seq 10"));
  }

  @Test
  void droppedTriggersAreReportedEvenWithAnIntactChain() throws Exception {
    tamper().close();
    assertThat(verify().problems()).containsExactly(
        "append-only trigger audit_no_update is missing (dropped outside Berth)",
        "append-only trigger audit_no_delete is missing (dropped outside Berth)");
  }

  private VerifyReport verify() {
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      return trail.verify();
    }
  }

  private Connection tamper() throws Exception {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement st = c.createStatement()) {
      st.execute("DROP TRIGGER audit_no_update");
      st.execute("DROP TRIGGER audit_no_delete");
    }
    return c;
  }

  private void sql(String statement) throws Exception {
    try (Connection c = tamper(); Statement st = c.createStatement()) {
      st.executeUpdate(statement);
    }
  }

  private static AuditRow row(Connection c, long seq) throws Exception {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + AuditRows.COLUMNS + " FROM audit WHERE seq = " + seq)) {
      rs.next();
      return AuditRows.read(rs);
    }
  }

  private static void insert(Connection c, AuditRow r) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(AuditRows.INSERT)) {
      AuditRows.bind(ps, r);
      ps.executeUpdate();
    }
  }
}
