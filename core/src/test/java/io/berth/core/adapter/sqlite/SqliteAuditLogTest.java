package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.AuditRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.audit.AuditLogContract;
import io.berth.core.audit.AuditRow;
import io.berth.core.audit.AuditTrail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The audit store contract on SQLite, tampering with the sqlite file as someone with shell access would. */
class SqliteAuditLogTest extends AuditLogContract {

  private Path db() {
    return dir.resolve("data/audit.db");
  }

  @Override
  protected AuditTrail open() {
    return SqliteAuditTrail.open(db());
  }

  @Override
  protected void deleteNewest(int count) throws SQLException {
    withTriggersLifted(st -> st.execute("DELETE FROM audit WHERE seq > (SELECT max(seq) FROM audit) - " + count));
  }

  @Override
  protected void rewriteRows(UnaryOperator<List<AuditRow>> change) throws SQLException {
    withTriggersLifted(st -> {
      List<AuditRow> rows = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT " + AuditRows.COLUMNS + " FROM audit ORDER BY seq")) {
        while (rs.next()) rows.add(AuditRows.read(rs));
      }
      st.execute("DELETE FROM audit");
      try (PreparedStatement insert = st.getConnection().prepareStatement(AuditRows.INSERT)) {
        for (AuditRow r : change.apply(rows)) {
          AuditRows.bind(insert, r);
          insert.executeUpdate();
        }
      }
    });
  }

  @Override
  protected Object copy() throws SQLException {
    Path copy = dir.resolve("copy-" + UUID.randomUUID() + ".db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = c.createStatement()) {
      st.execute("VACUUM INTO '" + copy + "'");
    }
    return copy;
  }

  @Override
  protected void replaceWith(Object copy) throws Exception {
    for (String suffix : new String[] {"-wal", "-shm"}) Files.deleteIfExists(Path.of(db() + suffix));
    Files.copy((Path) copy, db(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private interface Sql {
    void run(Statement st) throws SQLException;
  }

  /** A careful tamperer: drops the append-only triggers, changes rows, and puts the same triggers back. */
  private void withTriggersLifted(Sql change) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = c.createStatement()) {
      List<String> names = new ArrayList<>();
      List<String> sql = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'")) {
        while (rs.next()) {
          names.add(rs.getString(1));
          sql.add(rs.getString(2));
        }
      }
      for (String n : names) st.execute("DROP TRIGGER " + n);
      change.run(st);
      for (String s : sql) st.execute(s);
    }
  }

  @Test
  void theStoreRefusesDeletingRecordsThatWereNotArchived() throws Exception {
    try (AuditTrail t = open()) {
      appendMany(t, 3, Instant.now());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.execute("DELETE FROM audit WHERE seq = 3")).hasMessageContaining("append-only");
      st.execute("INSERT INTO checkpoint (seq, head_hash, time_ms, prev_signature_hash, signature) VALUES (1,'h',0,'p','s')");
      assertThatThrownBy(() -> st.execute("DELETE FROM checkpoint")).hasMessageContaining("append-only");
    }
  }

  @Test
  void aWeakenedDeleteTriggerIsReported() throws Exception {
    try (AuditTrail t = open()) {
      appendMany(t, 2, Instant.now());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = c.createStatement()) {
      st.execute("DROP TRIGGER audit_no_delete");
      st.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN 0 BEGIN SELECT 1; END");
    }
    try (AuditTrail t = open()) {
      assertThat(t.verify().problems()).containsExactly("append-only trigger audit_no_delete was replaced outside Berth");
    }
  }
}
