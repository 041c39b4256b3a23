package io.berth.core.adapter.postgres;

import io.berth.core.audit.ArchivedRange;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditRowSink;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.AuditUnavailableException;
import io.berth.core.audit.ChainHead;
import io.berth.core.audit.Checkpoint;
import io.berth.core.audit.CheckpointSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit storage in PostgreSQL, for teams that run more than one Berth against one trail: rows,
 * checkpoints and archived ranges, written by a group-committing writer per process. Every write
 * transaction takes one advisory lock ({@link PostgresSchema#APPEND_LOCK}) and reads the chain's
 * tail under it, so any number of processes build one linear chain. The chain, verification and
 * exports are the core's ({@code io.berth.core.audit}); this class only stores.
 */
public final class PostgresAuditTrail implements AuditTrail {
  private static final Logger log = LoggerFactory.getLogger(PostgresAuditTrail.class);

  /**
   * @param url {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?…]} without credentials in it
   * @param user the role to log in as (null: the driver's default)
   * @param lockTimeout how long a write waits for another writer's lock before failing closed
   * @param maxBatch most records committed in one transaction
   * @param readOnly open for queries/verify/export only (every append fails)
   */
  public record Settings(String url, String user, Duration lockTimeout, int maxBatch, boolean readOnly) {
    public Settings {
      Objects.requireNonNull(url, "url");
      if (!url.startsWith("jdbc:postgresql:")) throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
      Objects.requireNonNull(lockTimeout, "lockTimeout");
      if (lockTimeout.isNegative() || lockTimeout.isZero()) throw new IllegalArgumentException("lockTimeout must be positive");
      if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1");
    }

    public static Settings of(String url, String user) {
      return new Settings(url, user, Duration.ofSeconds(5), 1000, false);
    }

    public Settings withReadOnly(boolean ro) {
      return new Settings(url, user, lockTimeout, maxBatch, ro);
    }

    public Settings withMaxBatch(int max) {
      return new Settings(url, user, lockTimeout, max, readOnly);
    }
  }

  /** Every guard the schema installs, by name, on its table. */
  private static final Map<String, String> TRIGGERS = triggers();

  private final Settings settings;
  private final String name;
  private final PostgresFailures failures;
  private final PostgresConnections connections;
  private final PostgresSchema schema;
  private final PostgresGroupCommitWriter writer;
  private volatile boolean migrated;

  private PostgresAuditTrail(Settings settings, String password) {
    this.settings = settings;
    this.name = settings.url();
    this.failures = new PostgresFailures(name, settings.lockTimeout());
    this.connections = new PostgresConnections(settings.url(), settings.user(), password, settings.lockTimeout());
    this.schema = new PostgresSchema(PostgresSchema.ALL);
    try (Connection c = connections.open()) {
      if (settings.readOnly()) checkCurrent(c);
      else schema.migrate(c, name);
      migrated = true;
    } catch (SQLException e) {
      if (!PostgresFailures.isEnvironmental(e)) throw failures.unavailable(e);
      // Start anyway: every append fails closed with the reason until the server is back, and
      // the first append that can write finishes the migration.
      log.error("{}; commands that change anything will be refused until it can be written", failures.describe(e));
    }
    this.writer = new PostgresGroupCommitWriter(this::writerSession, failures, settings.maxBatch(), name);
  }

  /**
   * Opens the trail at {@code settings.url()}, creating or upgrading its tables unless read-only.
   * {@code password} (null: none) comes from the environment or a file, never from the YAML.
   */
  public static PostgresAuditTrail open(Settings settings, String password) {
    return new PostgresAuditTrail(settings, password);
  }

  private void checkCurrent(Connection c) throws SQLException {
    int current = PostgresSchema.currentVersion(c);
    if (current > schema.latest()) schema.migrate(c, name); // throws "upgrade Berth"
  }

  private Connection writerSession() throws SQLException {
    Connection c = connections.open();
    if (!migrated) {
      try {
        schema.migrate(c, name);
        migrated = true;
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    }
    return c;
  }

  @Override
  public void append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    if (settings.readOnly()) throw readOnly();
    writer.appendAndWait(entry);
  }

  private AuditUnavailableException readOnly() {
    return new AuditUnavailableException("audit database " + name + " is open read-only", null);
  }

  @Override
  public List<AuditRecord> query(AuditFilter filter, int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
    List<AuditRecord> records = new ArrayList<>();
    read(filter, limit, row -> records.add(row.toRecord()));
    return records;
  }

  @Override
  public void scan(AuditFilter filter, AuditRowSink sink) {
    read(filter, null, sink);
  }

  private void read(AuditFilter filter, Integer limit, AuditRowSink sink) {
    PostgresFilterSql where = PostgresFilterSql.of(filter == null ? AuditFilter.ALL : filter);
    String sql = "SELECT " + PostgresRows.COLUMNS + " FROM audit" + where.where() + " ORDER BY seq DESC"
        + (limit == null ? "" : " LIMIT ?");
    stream(sql, ps -> {
      int next = where.bind(ps);
      if (limit != null) ps.setInt(next, limit);
    }, sink);
  }

  @Override
  public void replay(long fromSeq, long toSeq, AuditRowSink sink) {
    stream("SELECT " + PostgresRows.COLUMNS + " FROM audit WHERE seq BETWEEN ? AND ? ORDER BY seq", ps -> {
      ps.setLong(1, fromSeq);
      ps.setLong(2, toSeq);
    }, sink);
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Streams rows through one cursor: pgjdbc fetches in batches only inside a transaction. */
  private void stream(String sql, Binder binder, AuditRowSink sink) {
    withSession(c -> {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        ps.setFetchSize(256);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) sink.accept(PostgresRows.read(rs));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading the audit trail failed: " + e.getMessage(), e);
      } finally {
        c.rollback(); // read-only work: nothing to keep
        c.setAutoCommit(true);
      }
      return null;
    });
  }

  private interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  /** Runs {@code work} on a pooled session; a session that failed is not reused. */
  private <T> T withSession(Work<T> work) {
    Connection c = null;
    boolean healthy = false;
    try {
      c = connections.borrow();
      T result = work.apply(c);
      healthy = true;
      return result;
    } catch (SQLException e) {
      throw failures.unavailable(e);
    } finally {
      connections.release(c, healthy);
    }
  }

  /** Runs {@code work} in one transaction holding the append lock; commits when it returns a value. */
  private <T> Optional<T> underAppendLock(Work<Optional<T>> work) {
    if (settings.readOnly()) throw readOnly();
    return withSession(c -> {
      if (!migrated) {
        schema.migrate(c, name);
        migrated = true;
      }
      c.setAutoCommit(false);
      try {
        PostgresSchema.lock(c);
        Optional<T> result = work.apply(c);
        if (result.isPresent()) c.commit();
        else c.rollback();
        return result;
      } catch (SQLException | RuntimeException e) {
        PostgresSchema.rollbackQuietly(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
  }

  @Override
  public ChainHead head() {
    return withSession(PostgresRows::tail);
  }

  @Override
  public Optional<Checkpoint> checkpoint(CheckpointSigner signer) {
    return underAppendLock(c -> {
      ChainHead head = PostgresRows.tail(c);
      Checkpoint last = lastCheckpoint(c);
      if (last != null && last.seq() == head.seq() && last.headHash().equals(head.hash())) return Optional.empty();
      Checkpoint cp = signer.sign(head, Instant.now(), last);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO checkpoint "
          + "(seq, head_hash, time_ms, prev_signature_hash, signature) VALUES (?,?,?,?,?)")) {
        ps.setLong(1, cp.seq());
        ps.setString(2, cp.headHash());
        ps.setLong(3, cp.time().toEpochMilli());
        ps.setString(4, cp.prevSignatureHash());
        ps.setString(5, cp.signature());
        ps.executeUpdate();
      }
      return Optional.of(cp);
    });
  }

  private static Checkpoint lastCheckpoint(Connection c) throws SQLException {
    List<Checkpoint> all = checkpoints(c, " ORDER BY id DESC LIMIT 1");
    return all.isEmpty() ? null : all.get(0);
  }

  @Override
  public List<Checkpoint> checkpoints() {
    return withSession(c -> checkpoints(c, " ORDER BY id"));
  }

  private static List<Checkpoint> checkpoints(Connection c, String order) throws SQLException {
    List<Checkpoint> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT seq, head_hash, time_ms, prev_signature_hash, signature FROM checkpoint" + order)) {
      while (rs.next()) {
        out.add(new Checkpoint(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
            rs.getString(4), rs.getString(5)));
      }
    }
    return out;
  }

  @Override
  public List<ArchivedRange> archived() {
    return withSession(c -> {
      List<ArchivedRange> out = new ArrayList<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT first_seq, through_seq, "
          + "last_hash, segment, segment_sha256, time_ms FROM archived ORDER BY through_seq")) {
        while (rs.next()) {
          out.add(new ArchivedRange(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
              Instant.ofEpochMilli(rs.getLong(6))));
        }
      }
      return out;
    });
  }

  @Override
  public void pruneArchived(ArchivedRange range) {
    underAppendLock(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO archived "
          + "(through_seq, first_seq, last_hash, segment, segment_sha256, time_ms) VALUES (?,?,?,?,?,?)")) {
        ps.setLong(1, range.throughSeq());
        ps.setLong(2, range.firstSeq());
        ps.setString(3, range.lastHash());
        ps.setString(4, range.segment());
        ps.setString(5, range.segmentSha256());
        ps.setLong(6, range.time().toEpochMilli());
        ps.executeUpdate();
      }
      // the trigger allows exactly this: rows at or below the boundary just recorded
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit WHERE seq BETWEEN ? AND ?")) {
        ps.setLong(1, range.firstSeq());
        ps.setLong(2, range.throughSeq());
        ps.executeUpdate();
      }
      return Optional.of(range);
    });
  }

  @Override
  public List<AuditRecord> unfinished() {
    return withSession(c -> {
      List<AuditRecord> out = new ArrayList<>();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT " + PostgresRows.COLUMNS + " FROM audit r WHERE r.outcome = 'requested'"
              + " AND NOT EXISTS (SELECT 1 FROM audit e WHERE e.request_id = r.request_id AND e.seq > r.seq"
            + " AND e.outcome IN ('succeeded', 'failed', 'interrupted'))"
              + " ORDER BY seq")) {
        while (rs.next()) out.add(PostgresRows.read(rs).toRecord());
      }
      return out;
    });
  }

  @Override
  public List<String> storageProblems() {
    return withSession(c -> {
      List<String> problems = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT t.tgenabled, p.proname, p.prosrc FROM pg_trigger t "
          + "JOIN pg_proc p ON p.oid = t.tgfoid WHERE t.tgname = ? AND t.tgrelid = to_regclass(?) AND NOT t.tgisinternal")) {
        for (Map.Entry<String, String> trigger : TRIGGERS.entrySet()) {
          String tg = trigger.getKey();
          ps.setString(1, tg);
          ps.setString(2, trigger.getValue());
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              problems.add("append-only trigger " + tg + " is missing (dropped outside Berth)");
              continue;
            }
            boolean deleteGuard = tg.equals("audit_no_delete");
            String expectedFunction = deleteGuard ? "berth_audit_no_delete" : "berth_append_only";
            String expectedBody = deleteGuard ? V1PostgresAuditSchema.AUDIT_NO_DELETE_BODY
                : V1PostgresAuditSchema.APPEND_ONLY_BODY;
            if (!"O".equals(rs.getString(1))) {
              // 'D' disabled, 'R'/'A' changed to fire by replication role: not guarding ordinary sessions as built
              problems.add("append-only trigger " + tg + " was disabled outside Berth");
            } else if (!expectedFunction.equals(rs.getString(2)) || !expectedBody.equals(rs.getString(3))) {
              problems.add("append-only trigger " + tg + " was replaced outside Berth");
            }
          }
        }
      }
      return problems;
    });
  }

  private static Map<String, String> triggers() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String table : new String[] {"audit", "checkpoint", "archived"}) {
      for (String op : new String[] {"update", "delete", "truncate"}) out.put(table + "_no_" + op, table);
    }
    return out;
  }

  @Override
  public boolean writable() {
    if (settings.readOnly() || writer.lastAppendFailed()) return false;
    try {
      writer.submit(null).get(settings.lockTimeout().toMillis() + 15_000, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    writer.close();
    connections.close();
  }

  @Override
  public String toString() {
    return "PostgresAuditTrail[" + name + "]"; // never the password
  }
}
