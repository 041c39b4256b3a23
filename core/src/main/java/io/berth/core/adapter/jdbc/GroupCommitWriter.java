package io.berth.core.adapter.jdbc;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditRow;
import io.berth.core.audit.AuditUnavailableException;
import io.berth.core.audit.ChainHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's single writer: callers enqueue entries and wait; one thread commits whatever has
 * queued up in one write transaction (one flush of the log), then releases every caller in that
 * batch. The transaction takes the store's write lock first and reads the chain's tail under it, so
 * other processes' writers interleave whole batches and the chain stays linear. A batch commits
 * entirely or fails entirely: no caller is told "durable" for a record that is not.
 *
 * <p>Waking the callers of a committed batch is one futex wake per caller; done by the writer it was
 * ~30 % of the writer thread's CPU at 64 writers (perf, SQLite on tmpfs), on the serial path of every
 * append. A second thread ({@code audit-release}) completes their futures, so the writer starts the
 * next batch at once; it is handed one task per commit.
 */
final class GroupCommitWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final Pending STOP = new Pending(null, new CompletableFuture<>());

  /** An entry to append, or (entry null) a probe that only rewrites the probe row. */
  private record Pending(AuditEntry entry, CompletableFuture<Void> done) {}

  /** Opens the writer's session (again after a failure). */
  interface Sessions {
    Connection open() throws SQLException;
  }

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final ReentrantReadWriteLock admission = new ReentrantReadWriteLock();
  private final SqlDialect dialect;
  private final Sessions sessions;
  private final Runnable committed;
  private final StoreFailures failures;
  private final int maxBatch;
  private final Thread thread;
  /** Completes the futures of committed batches (single thread: callers are released in commit order). */
  private final ExecutorService releaser;
  private final LongAdder commits = new LongAdder();
  private final LongAdder records = new LongAdder();
  private final LongAdder oneRoundTrips = new LongAdder();
  private Connection connection;
  /**
   * The statements of every commit under the lock, prepared once per writer session (SQLite parses
   * and plans each once, PostgreSQL keeps them server-side); closed with the session. Preparing the
   * tail's two reads per commit was a tenth of the SQLite writer's native time (JFR, 64 writers).
   */
  private PreparedStatement insert;
  private PreparedStatement newestRow;
  private PreparedStatement newestTime;
  /** The tail this writer committed last (null: unknown, e.g. after a failure); only the writer thread uses it. */
  private ChainHead knownTail;
  private boolean closed;
  private volatile boolean lastAppendFailed;

  /** @param committed told after each commit, on the writer thread (its callers are being released meanwhile) */
  GroupCommitWriter(SqlDialect dialect, Sessions sessions, Runnable committed, StoreFailures failures, int maxBatch,
      String name) {
    this.dialect = dialect;
    this.sessions = sessions;
    this.committed = committed;
    this.failures = failures;
    this.maxBatch = maxBatch;
    this.releaser = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "audit-release " + name);
      t.setDaemon(true);
      return t;
    });
    this.thread = new Thread(this::loop, "audit-writer " + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues an entry (or a probe when null); the future completes when it is durable. */
  CompletableFuture<Void> submit(AuditEntry entry) {
    Pending p = new Pending(entry, new CompletableFuture<>());
    admission.readLock().lock();
    try {
      if (closed) throw failures.closed();
      queue.add(p);
    } finally {
      admission.readLock().unlock();
    }
    return p.done();
  }

  /** Blocks until the entry is durable; throws AuditUnavailableException otherwise. */
  void appendAndWait(AuditEntry entry) {
    CompletableFuture<Void> done = submit(entry);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          done.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the record may already be on its way to disk: the caller must learn the real outcome
        } catch (ExecutionException e) {
          // A fresh exception per caller, so each stack trace shows who was refused.
          if (e.getCause() instanceof AuditUnavailableException a) throw new AuditUnavailableException(a.getMessage(), a);
          if (e.getCause() instanceof RuntimeException r) throw r;
          throw new IllegalStateException("append failed", e.getCause());
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  /**
   * True when the latest batch of real records failed. A probe rewrites one small row and can
   * succeed where a record cannot (e.g. the disk is full but the WAL has room), so health checks
   * stay red until a record gets through again.
   */
  boolean lastAppendFailed() {
    return lastAppendFailed;
  }

  /** Transactions committed, records in them, and how many went in one round trip, since the writer started. */
  GroupCommitStats stats() {
    return new GroupCommitStats(commits.sum(), records.sum(), oneRoundTrips.sum());
  }

  private void loop() {
    try {
      List<Pending> batch = new ArrayList<>(maxBatch);
      while (true) {
        batch.clear();
        try {
          batch.add(queue.take());
        } catch (InterruptedException e) {
          continue; // only close() stops the writer, via STOP, so nothing queued is left behind
        }
        queue.drainTo(batch, maxBatch - 1);
        // STOP is always the last thing queued; compared by identity (a record's equals would compare its fields, and
        // its first use links a method-handle chain, which a one-shot CLI call pays for at its first append)
        boolean stop = batch.get(batch.size() - 1) == STOP;
        if (stop) batch.remove(batch.size() - 1);
        if (!batch.isEmpty()) commit(batch);
        if (stop) break;
      }
    } finally {
      // Normally after STOP; also if an Error killed the writer: nobody may wait forever.
      admission.writeLock().lock();
      try {
        closed = true;
      } finally {
        admission.writeLock().unlock();
      }
      List<Pending> left = new ArrayList<>();
      queue.drainTo(left);
      left.forEach(p -> p.done().completeExceptionally(failures.closed()));
      closeConnection();
      releaser.shutdown(); // runs what was handed to it: every committed caller is released
    }
  }

  private void commit(List<Pending> batch) {
    try {
      Connection c = connection();
      int rows = (int) batch.stream().filter(p -> p.entry() != null).count();
      boolean probe = rows < batch.size();
      boolean oneRoundTrip = false;
      if (dialect.appendsInOneRoundTrip() && knownTail != null && !probe) {
        // The tail this writer committed last is still the tail unless another process appended since:
        // append on it in one round trip, guarded; if it moved, nothing was written and the batch takes the lock.
        List<AuditRow> linked = link(batch, knownTail, Long.MIN_VALUE);
        oneRoundTrip = dialect.appendOnTail(c, linked, knownTail);
        if (oneRoundTrip) knownTail = tailOf(linked);
      }
      if (!oneRoundTrip) knownTail = commitUnderLock(c, batch, probe);
      commits.increment();
      if (oneRoundTrip) oneRoundTrips.increment();
      records.add(rows);
      if (rows > 0) lastAppendFailed = false;
      List<Pending> durable = List.copyOf(batch); // the loop reuses the list
      releaser.execute(() -> {
        for (Pending p : durable) p.done().complete(null);
      });
      committed.run();
    } catch (Error e) {
      knownTail = null;
      var failure = failures.unavailable(e);
      for (Pending p : batch) p.done().completeExceptionally(failure);
      throw e;
    } catch (SQLException | RuntimeException e) {
      knownTail = null;
      log.error("audit batch of {} failed: {}", batch.size(), failures.describe(e));
      // A fresh session next time: the old one may be broken, or stuck on a vanished or changed file.
      closeConnection();
      if (batch.stream().anyMatch(p -> p.entry() != null)) lastAppendFailed = true;
      var failure = failures.unavailable(e);
      for (Pending p : batch) p.done().completeExceptionally(failure);
    }
  }

  /** Locks, reads the tail (another process may have appended since our last batch), inserts, commits; returns the new tail. */
  private ChainHead commitUnderLock(Connection c, List<Pending> batch, boolean probe) throws SQLException {
    dialect.begin(c);
    try {
      if (newestRow == null) newestRow = c.prepareStatement(AuditRows.NEWEST_ROW);
      ChainHead tail = AuditRows.tail(c, newestRow, dialect);
      long newest = Long.MIN_VALUE;
      if (dialect.keepsTimesInOrder()) {
        if (newestTime == null) newestTime = c.prepareStatement(AuditRows.NEWEST_TIME);
        newest = AuditRows.newestTimeMs(newestTime);
      }
      List<AuditRow> linked = link(batch, tail, newest);
      if (!linked.isEmpty()) {
        if (insert == null) insert = c.prepareStatement(AuditRows.INSERT);
        for (AuditRow row : linked) {
          AuditRows.bind(insert, row);
          insert.addBatch();
        }
        try {
          insert.executeBatch();
        } finally {
          insert.clearBatch(); // a failed batch must not come back with the next one
        }
      }
      if (probe) {
        try (PreparedStatement ps = c.prepareStatement(dialect.upsertProbe())) {
          ps.setLong(1, System.currentTimeMillis());
          ps.executeUpdate();
        }
      }
      dialect.commit(c);
      return linked.isEmpty() ? tail : tailOf(linked);
    } catch (SQLException | RuntimeException e) {
      dialect.rollbackQuietly(c);
      throw e;
    }
  }

  /** The batch's entries as chained rows after {@code tail}; times kept in order after {@code newest} where the dialect needs it. */
  private static List<AuditRow> link(List<Pending> batch, ChainHead tail, long newest) {
    List<AuditRow> rows = new ArrayList<>(batch.size());
    long seq = tail.seq();
    String prev = tail.hash();
    for (Pending p : batch) {
      if (p.entry() == null) continue;
      AuditRow row = AuditRow.link(++seq, AuditRows.withinSkew(p.entry(), newest), prev);
      newest = Math.max(newest, row.timeMs());
      rows.add(row);
      prev = row.hash();
    }
    return rows;
  }

  private static ChainHead tailOf(List<AuditRow> linked) {
    AuditRow last = linked.get(linked.size() - 1);
    return new ChainHead(last.seq(), last.hash());
  }

  private Connection connection() throws SQLException {
    if (connection == null) connection = sessions.open();
    return connection;
  }

  private void closeConnection() {
    insert = null; // closed with their session
    newestRow = null;
    newestTime = null;
    if (connection == null) return;
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("closing audit writer session: {}", e.getMessage());
    }
    connection = null;
  }

  /** Commits everything already queued, then stops; later submits throw "closed". */
  @Override
  public void close() {
    admission.writeLock().lock();
    try {
      if (closed) return;
      closed = true;
      queue.add(STOP);
    } finally {
      admission.writeLock().unlock();
    }
    boolean interrupted = false;
    while (thread.isAlive() || !releaser.isTerminated()) { // written, and every caller of it released
      try {
        thread.join();
        releaser.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
