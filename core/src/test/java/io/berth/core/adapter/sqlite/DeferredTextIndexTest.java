package io.berth.core.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-text index is kept off the commit path: appends never touch it, the store's background
 * thread indexes what arrived in large batches, and text queries stay exact meanwhile (rows not yet
 * indexed are read directly).
 */
class DeferredTextIndexTest {
  @TempDir Path dir;

  @Test
  void anAppendCommitsWithoutTheFullTextIndexYetTextQueriesFindItAtOnce() throws Exception {
    Path file = dir.resolve("audit.db");
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS, Duration.ofHours(1))) {
      trail.append(Entries.succeeded("r1", "alice", "restart", "payments-api"));
      trail.append(Entries.succeeded("r2", "alice", "restart", "web"));

      assertThat(indexed(file, "payments")).as("rows in the full-text index").isEmpty();
      assertThat(text(trail, "payments-api")).containsExactly("r1");
      assertThat(text(trail, "ments-a")).containsExactly("r1");
      assertThat(text(trail, "restart")).containsExactly("r2", "r1");
      assertThat(text(trail, "nowhere")).isEmpty();
    }
  }

  @Test
  void theStoreIndexesWhatArrivedSoonAfterAndQueriesStayExactAcrossIndexedRowsAndTheTail() throws Exception {
    Path file = dir.resolve("audit.db");
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS, Duration.ofMillis(20))) {
      for (int i = 0; i < 50; i++) trail.append(Entries.succeeded("old-" + i, "alice", "restart", "svc-" + i));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (indexedThrough(file) < 50 && System.nanoTime() < deadline) Thread.sleep(10);
      assertThat(indexedThrough(file)).isEqualTo(50);
      assertThat(indexed(file, "svc-4")).as("trigram candidates (LIKE decides)")
          .containsExactly(5L, 41L, 42L, 43L, 44L, 45L, 46L, 47L, 48L, 49L, 50L);
    }
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS, Duration.ofHours(1))) {
      trail.append(Entries.succeeded("new-7", "bob", "stop", "svc-7")); // stays in the tail: the indexer waits an hour
      assertThat(indexed(file, "svc-7")).containsExactly(8L);
      assertThat(text(trail, "svc-7")).containsExactly("new-7", "old-7");
      assertThat(text(trail, "stop svc-7")).containsExactly("new-7");
      assertThat(text(trail, "svc-49")).containsExactly("old-49");
      assertThat(text(trail, "svc")).hasSize(51);
      assertThat(trail.verify().problems()).isEmpty();
    }
  }

  @Test
  void rowsAnEarlierProcessLeftUnindexedAreIndexedSoonAfterOpeningWithoutANewAppend() throws Exception {
    Path file = dir.resolve("audit.db");
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS, Duration.ofHours(1))) {
      for (int i = 0; i < 3; i++) trail.append(Entries.succeeded("r" + i, "alice", "restart", "svc-" + i));
    }
    assertThat(indexedThrough(file)).isZero();
    try (SqliteAuditTrail reopened = SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS, Duration.ofMillis(20))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (indexedThrough(file) < 3 && System.nanoTime() < deadline) Thread.sleep(10);
      assertThat(indexedThrough(file)).isEqualTo(3);
      assertThat(indexed(file, "svc-2")).containsExactly(3L);
    }
  }

  @Test
  void aFileFromBeforeTheDeferredIndexKeepsItsIndexAndTheIndexerStartsAfterItsNewestRow() throws Exception {
    Path file = dir.resolve("audit.db");
    // v4 and v5 filled the index by a trigger; v5 (the context column) is the last of them
    try (SqliteAuditTrail v5 = SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS,
        SqliteSchema.ALL.subList(0, 5))) {
      v5.append(Entries.succeeded("old-1", "alice", "stop", "billing"));
      v5.append(Entries.succeeded("old-2", "alice", "stop", "web"));
    }
    try (SqliteAuditTrail current = SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS, Duration.ofHours(1))) {
      assertThat(indexedThrough(file)).isEqualTo(2);
      assertThat(indexed(file, "billing")).containsExactly(1L); // indexed by the old trigger, kept
      current.append(Entries.succeeded("new-1", "bob", "stop", "billing"));
      assertThat(indexed(file, "billing")).containsExactly(1L);
      assertThat(text(current, "billing")).containsExactly("new-1", "old-1");
    }
  }

  private static List<String> text(SqliteAuditTrail trail, String text) {
    return trail.query(new AuditFilter(null, null, null, null, null, null, null, text, null), 100).stream()
        .map(AuditRecord::entry).map(e -> e.requestId()).toList();
  }

  /** Rows the full-text index holds for {@code text}'s trigrams. */
  private static List<Long> indexed(Path file, String text) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement ps = c.prepareStatement("SELECT rowid FROM audit_text WHERE audit_text MATCH ? ORDER BY rowid")) {
      List<String> trigrams = new ArrayList<>();
      for (int i = 0; i + 3 <= text.length(); i++) trigrams.add("\"" + text.substring(i, i + 3) + "\"");
      ps.setString(1, String.join(" AND ", trigrams));
      List<Long> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getLong(1));
      }
      return out;
    }
  }

  private static long indexedThrough(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT through_seq FROM audit_text_indexed")) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }
}
