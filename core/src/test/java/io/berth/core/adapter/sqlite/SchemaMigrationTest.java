package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.SchemaMigration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.audit.AuditFilter;
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
    try (SqliteAuditTrail v1 = SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS,
        SqliteSchema.ALL.subList(0, 1))) {
      v1.append(Entries.requested("old-1", "alice", "stop", "web"));
      v1.append(Entries.succeeded("old-1", "alice", "stop", "web"));
    }
    assertThat(versions(file)).containsExactly(1);
    assertThat(tables(file)).doesNotContain("writable_probe");

    try (SqliteAuditTrail current = SqliteAuditTrail.open(file)) {
      assertThat(versions(file)).containsExactly(1, 2, 3, 4, 5);
      assertThat(tables(file)).contains("writable_probe", "checkpoint", "archived");
      assertThat(current.writable()).isTrue(); // needs the v2 table
      current.append(Entries.requested("new-1", "bob", "ps", ""));
      assertThat(current.query(AuditFilter.ALL, 10)).extracting(r -> r.entry().requestId())
          .containsExactly("new-1", "old-1", "old-1");
      assertThat(current.verify().problems()).isEmpty();
    }
    // opening again applies nothing twice
    try (SqliteAuditTrail again = SqliteAuditTrail.open(file)) {
      assertThat(versions(file)).containsExactly(1, 2, 3, 4, 5);
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

  private static List<Integer> versions(Path file) throws Exception {
    List<Integer> v = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
      while (rs.next()) v.add(rs.getInt(1));
    }
    return v;
  }

  private static List<String> tables(Path file) throws Exception {
    List<String> t = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      while (rs.next()) t.add(rs.getString(1));
    }
    return t;
  }
}
