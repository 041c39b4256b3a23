package io.berth.core.adapter.jdbc;

import io.berth.core.audit.ArchivedRange;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditReader;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditRowSink;
import io.berth.core.audit.AuditTrail;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An audit store over JDBC: rows, checkpoints and archived ranges, written by one group-committing
 * writer per process (records) or short write transactions under the store's write lock
 * (checkpoints, prunes, migrations); reads on borrowed sessions, streamed through one cursor. The
 * chain, verification and exports are the core's ({@code io.berth.core.audit}); a store subclass
 * gives only its dialect, its sessions, its schema versions and what it can tell about tampering
 * with its own guards ({@link #storageProblems}).
 */
public abstract class JdbcAuditTrail implements AuditTrail {
  private static final Logger log = LoggerFactory.getLogger(JdbcAuditTrail.class);

  /**
   * @param lockTimeout how long a write waits for another writer's lock before failing closed
   * @param maxBatch most records committed in one transaction
   * @param readOnly open for queries/verify/export only (every write fails)
   */
  public record Options(Duration lockTimeout, int maxBatch, boolean readOnly) {}

  /** Work on a session. */
  @FunctionalInterface
  protected interface SessionWork<T> {
    T apply(Connection c) throws SQLException;
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  protected final SqlDialect dialect;
  private final String name;
  private final Options options;
  private final StoreSessions sessions;
  private final StoreFailures failures;
  private final SchemaMigrator migrator;
  private final GroupCommitWriter writer;
  /** The session of the {@link #inOneRead} this thread is in, if any: its reads go there. */
  private final ThreadLocal<Connection> oneRead = new ThreadLocal<>();
  private final LongAdder readSessions = new LongAdder();
  private volatile boolean migrated;
  /** Whether {@code audit} has its {@code context} column (false only for an older store opened read-only). */
  private volatile boolean hasContext = true;

  protected JdbcAuditTrail(SqlDialect dialect, String name, StoreSessions sessions, List<SchemaMigration> migrations,
      Options options) {
    this.dialect = dialect;
    this.name = name;
    this.options = options;
    this.sessions = sessions;
    this.failures = new StoreFailures(dialect, name, options.lockTimeout());
    this.migrator = new SchemaMigrator(dialect, migrations);
    try (Connection c = sessions.openWriter()) {
      if (options.readOnly()) migrator.checkNotNewer(c, name);
      else migrator.migrate(c, name);
      migrated = true;
      hasContext = hasContextColumn(c);
    } catch (SQLException e) {
      if (!failures.isEnvironmental(e)) {
        sessions.close();
        throw failures.unavailable(e);
      }
      // Start anyway: reads may work, every append fails closed with the reason, and the first
      // append after the cause is fixed finishes the migration.
      log.error("{}; commands that change anything will be refused until it can be written", failures.describe(e));
    } catch (RuntimeException e) {
      sessions.close();
      throw e;
    }
    if (!migrated) {
      try {
        hasContext = withSession(JdbcAuditTrail::hasContextColumn); // an older file that could not be migrated yet
      } catch (RuntimeException e) {
        log.debug("cannot read the audit table's columns yet: {}", e.getMessage());
      }
    }
    this.writer = new GroupCommitWriter(dialect, this::writerSession, sessions::committed, failures,
        options.maxBatch(), name);
  }

  /** Whether the audit table has the context column (a new store has no table yet: it will). */
  private static boolean hasContextColumn(Connection c) throws SQLException {
    boolean table = false;
    try (ResultSet rs = c.getMetaData().getColumns(null, null, "audit", null)) {
      while (rs.next()) {
        table = true;
        if (rs.getString("COLUMN_NAME").equalsIgnoreCase("context")) return true;
      }
    }
    return !table;
  }

  /** The writer's session, finishing a migration that could not run at start. */
  private Connection writerSession() throws SQLException {
    Connection c = sessions.openWriter();
    if (!migrated) {
      try {
        migrator.migrate(c, name);
        migrated = true;
        hasContext = true;
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
    if (options.readOnly()) throw failures.readOnly();
    writer.appendAndWait(entry);
  }

  /** Sessions borrowed for reads since this store opened (a folded page: one). */
  public long readSessions() {
    return readSessions.sum();
  }

  /** Transactions the writer committed and records in them since this store opened. */
  public GroupCommitStats writerStats() {
    return writer.stats();
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

  /** Streams matching rows newest first to {@code sink} through one cursor. */
  private void read(AuditFilter filter, Integer limit, AuditRowSink sink) {
    FilterSql where = FilterSql.of(filter == null ? AuditFilter.ALL : filter, dialect, hasContext);
    stream(where.select(limit != null), ps -> {
      int next = where.bind(ps);
      if (limit != null) ps.setInt(next, limit);
    }, sink, "audit export failed");
  }

  @Override
  public void replay(long fromSeq, long toSeq, AuditRowSink sink) {
    stream("SELECT " + AuditRows.columns(hasContext) + " FROM audit WHERE seq BETWEEN ? AND ? ORDER BY seq", ps -> {
      ps.setLong(1, fromSeq);
      ps.setLong(2, toSeq);
    }, sink, "reading the audit trail failed");
  }

  /** One session and one read-only transaction for every read {@code work} makes on this thread. */
  @Override
  public <T> T inOneRead(Function<AuditReader, T> work) {
    if (oneRead.get() != null) return work.apply(this); // already inside one
    return withSession(c -> {
      dialect.beginRead(c);
      oneRead.set(c);
      try {
        return work.apply(this);
      } finally {
        oneRead.remove();
        dialect.endRead(c);
      }
    });
  }

  private void stream(String sql, Binder binder, AuditRowSink sink, String failed) {
    withSession(c -> {
      // inside inOneRead the transaction is already open (and not this read's to end)
      boolean inTransaction = dialect.streamsInTransaction() && c.getAutoCommit();
      if (inTransaction) c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        ps.setFetchSize(256);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) sink.accept(AuditRows.read(rs));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(failed + ": " + e.getMessage(), e);
      } finally {
        if (inTransaction) {
          c.rollback(); // read-only work: nothing to keep
          c.setAutoCommit(true);
        }
      }
      return null;
    });
  }

  /** Runs {@code work} on a borrowed reading session; a session that failed is not reused. */
  protected final <T> T withSession(SessionWork<T> work) {
    return withSession(false, work);
  }

  private <T> T withSession(boolean write, SessionWork<T> work) {
    Connection pinned = write ? null : oneRead.get();
    if (pinned != null) {
      try {
        return work.apply(pinned); // inOneRead borrowed it and gives it back
      } catch (SQLException e) {
        throw failures.unavailable(e);
      }
    }
    Connection c = null;
    boolean healthy = false;
    try {
      if (!write) readSessions.increment();
      c = sessions.borrow(write);
      T result = work.apply(c);
      healthy = true;
      return result;
    } catch (SQLException e) {
      throw failures.unavailable(e);
    } finally {
      if (c != null) sessions.release(c, healthy);
    }
  }

  /** Runs {@code work} in one write transaction under the store's write lock; commits when it returns a value. */
  private <T> Optional<T> underWriteLock(WriteTransaction.Work<T> work) {
    if (options.readOnly()) throw failures.readOnly();
    return withSession(true, c -> {
      if (!migrated) {
        migrator.migrate(c, name);
        migrated = true;
      }
      Optional<T> done = WriteTransaction.run(c, dialect, work);
      if (done.isPresent()) sessions.committed();
      return done;
    });
  }

  @Override
  public ChainHead head() {
    return withSession(c -> AuditRows.tail(c, dialect));
  }

  @Override
  public Optional<Checkpoint> checkpoint(CheckpointSigner signer) {
    return underWriteLock(c -> {
      ChainHead head = AuditRows.tail(c, dialect);
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

  private Checkpoint lastCheckpoint(Connection c) throws SQLException {
    List<Checkpoint> all = checkpoints(c, " ORDER BY id DESC LIMIT 1");
    return all.isEmpty() ? null : all.get(0);
  }

  @Override
  public List<Checkpoint> checkpoints() {
    return withSession(c -> checkpoints(c, " ORDER BY id"));
  }

  private List<Checkpoint> checkpoints(Connection c, String order) throws SQLException {
    List<Checkpoint> out = new ArrayList<>();
    if (!dialect.hasTable(c, "checkpoint")) return out; // a store not yet migrated that far
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
      if (!dialect.hasTable(c, "archived")) return out;
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
    underWriteLock(c -> {
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
          ResultSet rs = st.executeQuery("SELECT " + AuditRows.columns(hasContext) + " FROM audit r WHERE r.outcome = 'requested'"
              + " AND NOT EXISTS (SELECT 1 FROM audit e WHERE e.request_id = r.request_id AND e.seq > r.seq"
              // REQUESTED is written just before the work runs, so only a run's end closes it: a confirmed or
              // approved run reuses the request's id, and a refused press while it runs (DENIED) ends nothing
              + " AND e.outcome IN ('succeeded', 'failed', 'interrupted'))"
              + " ORDER BY seq")) {
        while (rs.next()) out.add(AuditRows.read(rs).toRecord());
      }
      return out;
    });
  }

  @Override
  public boolean writable() {
    if (options.readOnly() || writer.lastAppendFailed()) return false;
    try {
      // the writer may first wait out another writer's lock, then a reconnect
      writer.submit(null).get(options.lockTimeout().toMillis() + 15_000, TimeUnit.MILLISECONDS);
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
    sessions.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]"; // a name, never a credential
  }
}
