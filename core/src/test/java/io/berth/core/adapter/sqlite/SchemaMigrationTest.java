package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.SchemaMigration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.adapter.jdbc.PreviousSchemaRows;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationTest {
  @TempDir Path dir;

  @Test
  void aVersionOneFileIsUpgradedInPlaceAndKeepsItsChain() throws Exception {
    Path file = dir.resolve("audit.db");
    previousBerth(file, 1, Entries.requested("old-1", "alice", "stop", "web"),
        Entries.succeeded("old-1", "alice", "stop", "web"));
    assertThat(versions(file)).containsExactly(1);
    assertThat(tables(file)).doesNotContain("writable_probe");

    try (SqliteAuditTrail current = SqliteAuditTrail.open(file)) {
      assertThat(versions(file)).containsExactly(1, 2, 3, 4, 5, 6);
      assertThat(tables(file)).contains("writable_probe", "checkpoint", "archived");
      assertThat(current.writable()).isTrue(); // needs the v2 table
      current.append(Entries.requested("new-1", "bob", "ps", ""));
      assertThat(current.query(AuditFilter.ALL, 10)).extracting(r -> r.entry().requestId())
          .containsExactly("new-1", "old-1", "old-1");
      assertThat(current.verify().problems()).isEmpty();
    }
    // opening again applies nothing twice
    try (SqliteAuditTrail again = SqliteAuditTrail.open(file)) {
      assertThat(versions(file)).containsExactly(1, 2, 3, 4, 5, 6);
    }
  }

  @Test
  void aFileFromANewerBerthIsRefusedWithAClearMessage() throws Exception {
    Path file = dir.resolve("audit.db");
    SqliteAuditTrail.open(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.execute("INSERT INTO schema_version (version, description, applied_ms) VALUES (99, 'future', 0)");
    }
    assertThatThrownBy(() -> SqliteAuditTrail.open(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has schema v99 but this Berth knows only up to v" + SqliteSchema.ALL.size());
  }

  @Test
  void aMigrationThatFailsLeavesTheFileAtItsLastGoodVersion() throws Exception {
    Path file = dir.resolve("audit.db");
    SchemaMigration broken = new SchemaMigration() {
      @Override public int version() { return 2; }
      @Override public String description() { return "broken"; }
      @Override public void apply(Statement sql) throws java.sql.SQLException {
        sql.execute("CREATE INDEX half_done ON audit(message)");
        sql.execute("THIS IS NOT SQL");
      }
    };
    assertThatThrownBy(() -> SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS,
        List.of(SqliteSchema.ALL.get(0), broken))).isInstanceOf(AuditUnavailableException.class);
    assertThat(versions(file)).containsExactly(1);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  /**
   * A file of the previous schema (v4: contexts named only in the target, {@code prod/web-1}) is
   * readable and verifiable read-only before it migrates (its records read a null context; a
   * context filter finds none of them), then migrates on open: old records keep verifying as v1,
   * new ones carry their context (v2), and the chain runs on across both.
   */
  @Test
  void aVersionFourFileGainsTheContextColumnAndItsChainVerifiesAcrossTheOldAndNewRecords() throws Exception {
    Path file = dir.resolve("audit.db");
    previousBerth(file, 4, Entries.requested("old-1", "alice", "stop", "prod/web-1"),
        Entries.succeeded("old-1", "alice", "stop", "prod/web-1"));
    assertThat(columns(file)).doesNotContain("context");

    try (SqliteAuditTrail readOnly = SqliteAuditTrail.open(file,
        new SqliteAuditTrail.Settings(java.time.Duration.ofSeconds(5), 1000, true))) {
      assertThat(readOnly.query(AuditFilter.ALL, 10)).extracting(r -> r.entry().context()).containsExactly(null, null);
      assertThat(readOnly.query(AuditFilter.ALL.inContext("prod"), 10)).isEmpty();
      assertThat(readOnly.verify().problems()).isEmpty();
    }
    assertThat(versions(file)).containsExactly(1, 2, 3, 4);

    try (SqliteAuditTrail current = SqliteAuditTrail.open(file)) {
      assertThat(versions(file)).containsExactly(1, 2, 3, 4, 5, 6);
      assertThat(columns(file)).contains("context");
      AuditEntry r = Entries.requested("new-1", "bob", "stop", "web-1");
      current.append(new AuditEntry(r.requestId(), r.time(), r.outcome(), r.berthUser(), r.source(), r.platformUserId(),
          r.displayName(), r.location(), r.commandText(), r.action(), r.target(), r.message(), r.durationMs(), "prod"));
      assertThat(current.query(AuditFilter.ALL.inContext("prod"), 10)).extracting(AuditRecord::seq).containsExactly(3L);
      assertThat(current.query(new AuditFilter(null, null, null, "prod/web-1", null, null, null, null, null), 10))
          .extracting(AuditRecord::seq).containsExactly(2L, 1L);
      assertThat(current.verify().problems()).isEmpty();
      List<io.berth.core.audit.AuditRow> rows = new ArrayList<>();
      current.replay(1, Long.MAX_VALUE, rows::add);
      assertThat(rows).extracting(io.berth.core.audit.AuditRow::context).containsExactly(null, null, "prod");
      assertThat(rows.get(2).prevHash()).isEqualTo(rows.get(1).hash());
    }
  }

  /** An older Berth: the schema up to {@code version}, records written with its INSERT and hash. */
  private static void previousBerth(Path file, int version, AuditEntry... entries) throws Exception {
    SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS, SqliteSchema.ALL.subList(0, version)).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      PreviousSchemaRows.append(c, List.of(entries));
    }
  }

  private static List<String> columns(Path file) throws Exception {
    return strings(file, "SELECT name FROM pragma_table_info('audit')");
  }

  private static List<Integer> versions(Path file) throws Exception {
    return strings(file, "SELECT version FROM schema_version ORDER BY version").stream().map(Integer::valueOf).toList();
  }

  private static List<String> tables(Path file) throws Exception {
    return strings(file, "SELECT name FROM sqlite_master WHERE type = 'table'");
  }

  /** The first column of a query's rows, as text. */
  private static List<String> strings(Path file, String query) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) values.add(rs.getString(1));
    }
    return values;
  }
}
