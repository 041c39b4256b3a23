package io.berth.core.adapter.postgres;

import io.berth.core.adapter.jdbc.AuditRows;
import io.berth.core.adapter.jdbc.GroupCommitStats;
import io.berth.core.adapter.jdbc.OneReadPerPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditLogContract;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRow;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.AuditUnavailableException;
import io.berth.core.model.Source;
import io.berth.core.testing.PostgresCluster;
import io.berth.core.testing.PostgresForClass;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit store contract on PostgreSQL (a throw-away cluster, one fresh database per test),
 * tampering as a database superuser would: with {@code session_replication_role = replica} the
 * append-only triggers stay in place but do not fire for that session.
 */
class PostgresAuditLogIT extends AuditLogContract {
  @RegisterExtension static final PostgresForClass postgres = new PostgresForClass();
  private String database;

  @BeforeEach
  void freshDatabase() throws SQLException {
    database = postgres.cluster().createDatabase();
  }

  private PostgresAuditTrail.Settings settings() {
    return PostgresAuditTrail.Settings.of(postgres.cluster().url(database), PostgresCluster.USER);
  }

  @Override
  protected AuditTrail open() {
    return PostgresAuditTrail.open(settings(), postgres.cluster().password());
  }

  private interface Sql {
    void run(Statement st) throws SQLException;
  }

  /** A careful tamperer: the triggers stay, this session just does not fire them. */
  private void asSuperuserBypassingTriggers(Sql change) throws SQLException {
    try (Connection c = postgres.cluster().connect(database); Statement st = c.createStatement()) {
      st.execute("SET session_replication_role = replica");
      change.run(st);
    }
  }

  @Override
  protected void deleteNewest(int count) throws SQLException {
    asSuperuserBypassingTriggers(st -> st.execute("DELETE FROM audit WHERE seq > (SELECT max(seq) FROM audit) - " + count));
  }

  @Override
  protected void rewriteRows(UnaryOperator<List<AuditRow>> change) throws SQLException {
    asSuperuserBypassingTriggers(st -> {
      List<AuditRow> rows = rows(st);
      st.execute("DELETE FROM audit");
      insert(st.getConnection(), change.apply(rows));
    });
  }

  private static List<AuditRow> rows(Statement st) throws SQLException {
    List<AuditRow> rows = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SELECT " + AuditRows.COLUMNS + " FROM audit ORDER BY seq")) {
      while (rs.next()) rows.add(AuditRows.read(rs));
    }
    return rows;
  }

  private static void insert(Connection c, List<AuditRow> rows) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(AuditRows.INSERT)) {
      for (AuditRow r : rows) {
        AuditRows.bind(insert, r);
        insert.executeUpdate();
      }
    }
  }

  /** Rows plus the checkpoint and archived tables, as text rows (a dump, as pg_dump would take). */
  private record Snapshot(List<AuditRow> rows, List<List<String>> checkpoints, List<List<String>> archived) {}

  @Override
  protected Object copy() throws SQLException {
    try (Connection c = postgres.cluster().connect(database); Statement st = c.createStatement()) {
      return new Snapshot(rows(st), table(st, "SELECT id, seq, head_hash, time_ms, prev_signature_hash, signature FROM checkpoint"),
          table(st, "SELECT through_seq, first_seq, last_hash, segment, segment_sha256, time_ms FROM archived"));
    }
  }

  private static List<List<String>> table(Statement st, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) row.add(rs.getString(i));
        out.add(row);
      }
    }
    return out;
  }

  @Override
  protected void replaceWith(Object copy) throws SQLException {
    Snapshot s = (Snapshot) copy;
    asSuperuserBypassingTriggers(st -> {
      st.execute("DELETE FROM audit");
      st.execute("DELETE FROM checkpoint");
      st.execute("DELETE FROM archived");
      insert(st.getConnection(), s.rows());
      restore(st.getConnection(), "INSERT INTO checkpoint (id, seq, head_hash, time_ms, prev_signature_hash, signature)"
          + " VALUES (?::bigint, ?::bigint, ?, ?::bigint, ?, ?)", s.checkpoints());
      restore(st.getConnection(), "INSERT INTO archived (through_seq, first_seq, last_hash, segment, segment_sha256,"
          + " time_ms) VALUES (?::bigint, ?::bigint, ?, ?, ?, ?::bigint)", s.archived());
    });
  }

  private static void restore(Connection c, String sql, List<List<String>> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (List<String> row : rows) {
        for (int i = 0; i < row.size(); i++) ps.setString(i + 1, row.get(i));
        ps.executeUpdate();
      }
    }
  }

  @Test
  void theStoreRefusesChangingOrDeletingRecordsThatWereNotArchived() throws Exception {
    try (AuditTrail t = open()) {
      appendMany(t, 3, Instant.now());
    }
    try (Connection c = postgres.cluster().connect(database); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.execute("DELETE FROM audit WHERE seq = 3")).hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.execute("UPDATE audit SET berth_user = 'mallory' WHERE seq = 2"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.execute("TRUNCATE audit")).hasMessageContaining("append-only");
      st.execute("INSERT INTO checkpoint (seq, head_hash, time_ms, prev_signature_hash, signature) VALUES (1,'h',0,'p','s')");
      assertThatThrownBy(() -> st.execute("DELETE FROM checkpoint")).hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.execute("TRUNCATE archived")).hasMessageContaining("append-only");
    }
  }

  @Test
  void aDisabledOrWeakenedTriggerIsReported() throws Exception {
    try (AuditTrail t = open()) {
      appendMany(t, 2, Instant.now());
      assertThat(t.verify().problems()).isEmpty();
    }
    try (Connection c = postgres.cluster().connect(database); Statement st = c.createStatement()) {
      st.execute("ALTER TABLE audit DISABLE TRIGGER audit_no_update");
      st.execute("CREATE OR REPLACE FUNCTION berth_audit_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$");
      st.execute("DROP TRIGGER checkpoint_no_truncate ON checkpoint");
    }
    try (AuditTrail t = open()) {
      assertThat(t.verify().problems()).containsExactlyInAnyOrder(
          "append-only trigger audit_no_update was disabled outside Berth",
          "append-only trigger audit_no_delete was replaced outside Berth",
          "append-only trigger checkpoint_no_truncate is missing (dropped outside Berth)");
    }
  }

  @Test
  void twoStoresWritingConcurrentlyBuildOneLinearChain() throws Exception {
    int perWriter = 150;
    int writersPerStore = 4;
    ExecutorService pool = Executors.newFixedThreadPool(2 * writersPerStore);
    try (AuditTrail a = open(); AuditTrail b = open()) {
      List<Future<?>> done = new ArrayList<>();
      for (AuditTrail store : List.of(a, b)) {
        for (int w = 0; w < writersPerStore; w++) {
          String writer = (store == a ? "a" : "b") + w;
          done.add(pool.submit(() -> {
            for (int i = 0; i < perWriter; i++) {
              store.append(new AuditEntry(writer + "-" + i, Instant.now(), AuditOutcome.SUCCEEDED, writer, Source.CLI,
                  writer, writer, "local", "ps", "ps", "", "ok", 1L));
            }
          }));
        }
      }
      for (Future<?> f : done) f.get();
      assertThat(a.head().seq()).isEqualTo(2L * writersPerStore * perWriter);
      assertThat(b.verify().problems()).isEmpty();
      assertThat(b.verify().recordsChecked()).isEqualTo(2L * writersPerStore * perWriter);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eachAppendUpdatesOnlyTheIndexesTheFiltersUse() throws Exception {
    try (AuditTrail t = open()) {
      appendMany(t, 1, Instant.now());
    }
    List<String> indexes = new ArrayList<>();
    try (Connection c = postgres.cluster().connect(database); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'audit' ORDER BY 1")) {
      while (rs.next()) indexes.add(rs.getString(1));
    }
    assertThat(indexes).containsExactly("audit_action", "audit_by_context", "audit_by_user", "audit_outcome", "audit_pkey",
        "audit_prev_hash_key", "audit_request_id", "audit_target", "audit_time_ms");
  }

  @Test
  void aFoldedPageReadsThroughOneSessionWhateverItsFilterAndCursor() throws Exception {
    OneReadPerPage.check(PostgresAuditTrail.open(settings(), postgres.cluster().password()));
  }

  @Test
  void onceItKnowsTheTailAWriterCommitsEachGroupInOneRoundTrip() {
    try (PostgresAuditTrail t = PostgresAuditTrail.open(settings(), postgres.cluster().password())) {
      for (int i = 0; i < 5; i++) appendMany(t, 1, Instant.now()); // one record per group: five commits
      GroupCommitStats stats = t.writerStats();
      assertThat(stats.commits()).isEqualTo(5);
      // the first locks and reads the tail; every later one appends on the tail it committed
      assertThat(stats.oneRoundTrip()).isEqualTo(4);
      assertThat(t.verify().problems()).isEmpty();
    }
  }

  @Test
  void aWriterWhoseTailAnotherProcessMovedWritesNothingOnItAndContinuesTheChainUnderTheLock() {
    try (PostgresAuditTrail a = PostgresAuditTrail.open(settings(), postgres.cluster().password());
        PostgresAuditTrail b = PostgresAuditTrail.open(settings(), postgres.cluster().password())) {
      appendMany(a, 1, Instant.now()); // a knows the tail: seq 1
      appendMany(b, 1, Instant.now()); // b moves it to 2
      appendMany(a, 1, Instant.now()); // a's guarded append on seq 1 must write nothing, then lock and read 2
      assertThat(a.writerStats().oneRoundTrip()).isZero();
      assertThat(a.head().seq()).isEqualTo(3);
      assertThat(a.verify().problems()).isEmpty();
      assertThat(a.verify().recordsChecked()).isEqualTo(3);
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithTheReasonAndWithoutThePassword() {
    String wrong = "not-the-password-" + System.nanoTime();
    try (AuditTrail t = PostgresAuditTrail.open(settings(), wrong)) {
      assertThat(t.writable()).isFalse();
      assertThatThrownBy(() -> t.append(new AuditEntry("x", Instant.now(), AuditOutcome.REQUESTED, "u", Source.CLI, "u",
              "u", "l", "ps", "ps", "", null, null)))
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("refused the login")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
    }
  }

  @Test
  void aReadOnlyStoreReadsAndRefusesAppends() {
    try (AuditTrail t = open()) {
      appendMany(t, 2, Instant.now());
    }
    try (AuditTrail ro = PostgresAuditTrail.open(settings().withReadOnly(true), postgres.cluster().password())) {
      assertThat(ro.head().seq()).isEqualTo(2);
      assertThat(ro.writable()).isFalse();
      assertThatThrownBy(() -> appendMany(ro, 1, Instant.now())).hasMessageContaining("read-only");
    }
  }

  /**
   * A database of the previous schema (v3: no context column; records written by that Berth's
   * INSERT, hashed v1, one naming its context in the target) migrates on open: the old records
   * keep verifying, new ones carry their context, and the context filter is served by its index.
   */
  @Test
  void aVersionThreeDatabaseGainsTheContextColumnAndItsChainVerifies() throws Exception {
    PostgresAuditTrail.open(settings(), postgres.cluster().password(), PostgresSchema.ALL.subList(0, 3)).close();
    try (Connection c = postgres.cluster().connect(database)) {
      io.berth.core.adapter.jdbc.PreviousSchemaRows.append(c, List.of(
          entry("old", AuditOutcome.REQUESTED, "alice", "stop", "prod/web-1", Instant.now()),
          entry("old", AuditOutcome.SUCCEEDED, "alice", "stop", "prod/web-1", Instant.now())));
    }
    try (PostgresAuditTrail readOnly = PostgresAuditTrail.open(settings().withReadOnly(true), postgres.cluster().password())) {
      assertThat(readOnly.query(io.berth.core.audit.AuditFilter.ALL, 10)).extracting(r -> r.entry().context())
          .containsExactly(null, null);
      assertThat(readOnly.query(io.berth.core.audit.AuditFilter.ALL.inContext("prod"), 10)).isEmpty();
      assertThat(readOnly.verify().problems()).isEmpty();
    }
    try (AuditTrail t = open()) {
      t.append(inContext("prod", "new", AuditOutcome.SUCCEEDED, "bob", "stop", "web-1", Instant.now()));
      assertThat(t.query(io.berth.core.audit.AuditFilter.ALL.inContext("prod"), 10))
          .extracting(io.berth.core.audit.AuditRecord::seq).containsExactly(3L);
      assertThat(t.verify().problems()).isEmpty();
    }
    try (Connection c = postgres.cluster().connect(database); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT max(version) FROM schema_version")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(4);
      }
      st.execute("SET enable_seqscan = off"); // an empty table would not need an index; the point is that one serves it
      io.berth.core.adapter.jdbc.FilterSql where = io.berth.core.adapter.jdbc.FilterSql.of(
          io.berth.core.audit.AuditFilter.ALL.inContext("prod"), io.berth.core.adapter.jdbc.PostgresDialect.INSTANCE);
      List<String> plan = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + where.select(true))) {
        int next = where.bind(ps);
        ps.setInt(next, 51);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) plan.add(rs.getString(1));
        }
      }
      assertThat(String.join(" | ", plan)).contains("Index Scan Backward using audit_by_context").doesNotContain("Sort");
    }
  }
}
