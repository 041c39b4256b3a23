package io.berth.core.adapter.sqlite;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditRow;
import io.berth.core.audit.ChainHead;
import io.berth.core.audit.AuditUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: callers enqueue entries and wait; one thread commits whatever has queued up
 * in one transaction (one fsync), then releases every caller in that batch. A batch commits
 * entirely or fails entirely, so no caller is told "durable" for a record that is not.
 */
final class GroupCommitWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final Pending STOP = new Pending(null, new CompletableFuture<>());

  /** An entry to append, or (entry null) a probe that only rewrites the probe row. */
  record Pending(AuditEntry entry, CompletableFuture<Void> done) {}

  /** Opens the writer connection (again after a failure). */
  interface ConnectionSource {
    Connection open() throws SQLException;
  }

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final ReentrantReadWriteLock admission = new ReentrantReadWriteLock();
  private final ConnectionSource connections;
  private final SqliteFailures failures;
  private final int maxBatch;
  private final Thread thread;
  private Connection connection;
  private boolean closed;
  private volatile boolean lastAppendFailed;

  GroupCommitWriter(ConnectionSource connections, SqliteFailures failures, int maxBatch, String name) {
    this.connections = connections;
    this.failures = failures;
    this.maxBatch = maxBatch;
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
    await(submit(entry), () -> "append");
  }

  static void await(CompletableFuture<Void> done, Supplier<String> what) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          done.get();
          return;
        } catch (InterruptedException e) {
          // The record may already be on its way to disk: the caller must learn the real outcome.
          interrupted = true;
        } catch (java.util.concurrent.ExecutionException e) {
          // A fresh exception per caller, so each stack trace shows who was refused.
          if (e.getCause() instanceof AuditUnavailableException a) {
            throw new AuditUnavailableException(a.getMessage(), a);
          }
          if (e.getCause() instanceof RuntimeException r) throw r;
          throw new IllegalStateException(what.get() + " failed", e.getCause());
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    try {
      writeUntilStopped();
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
    }
  }

  private void writeUntilStopped() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (true) {
      batch.clear();
      Pending first;
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        continue; // only close() stops the writer, via STOP, so nothing queued is left behind
      }
      batch.add(first);
      queue.drainTo(batch, maxBatch - 1);
      boolean stop = batch.remove(STOP); // STOP is always the last thing queued
      if (!batch.isEmpty()) commit(batch);
      if (stop) break;
    }
  }

  private void commit(List<Pending> batch) {
    try {
      Connection c = connection();
      try (Statement st = c.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        try {
          // Read the tail under the write lock: another process may have appended since our last batch.
          ChainHead tail = AuditRows.tail(c);
          long seq = tail.seq();
          String prev = tail.hash();
          boolean probe = false;
          long newest = AuditRows.newestTimeMs(c);
          try (PreparedStatement insert = c.prepareStatement(AuditRows.INSERT)) {
            for (Pending p : batch) {
              if (p.entry() == null) {
                probe = true;
                continue;
              }
              AuditRow row = AuditRow.link(++seq, AuditRows.withinSkew(p.entry(), newest), prev);
              newest = Math.max(newest, row.timeMs());
              AuditRows.bind(insert, row);
              insert.executeUpdate();
              prev = row.hash();
            }
          }
          if (probe) {
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR REPLACE INTO writable_probe (id, at_ms) VALUES (1, ?)")) {
              ps.setLong(1, System.currentTimeMillis());
              ps.executeUpdate();
            }
          }
          st.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(st);
          throw e;
        }
      }
      if (hasEntries(batch)) lastAppendFailed = false;
      for (Pending p : batch) p.done().complete(null);
    } catch (Error e) {
      var failure = failures.unavailable(e);
      for (Pending p : batch) p.done().completeExceptionally(failure);
      throw e;
    } catch (SQLException | RuntimeException e) {
      log.error("audit batch of {} failed: {}", batch.size(), failures.describe(e));
      // A fresh connection next time: the old one may be stuck on a vanished or changed file.
      closeConnection();
      if (hasEntries(batch)) lastAppendFailed = true;
      var failure = failures.unavailable(e);
      for (Pending p : batch) p.done().completeExceptionally(failure);
    }
  }

  private static boolean hasEntries(List<Pending> batch) {
    return batch.stream().anyMatch(p -> p.entry() != null);
  }

  /**
   * True when the latest batch of real records failed. A probe rewrites one small row and can
   * succeed where a record cannot (e.g. the disk is full but the WAL has room), so health checks
   * stay red until a record gets through again.
   */
  boolean lastAppendFailed() {
    return lastAppendFailed;
  }

  private Connection connection() throws SQLException {
    if (connection == null) connection = connections.open();
    return connection;
  }

  private static void rollbackQuietly(Statement st) {
    try {
      st.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction left to roll back (BEGIN itself failed, or SQLite already rolled back)
    }
  }

  private void closeConnection() {
    if (connection == null) return;
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("closing audit writer connection: {}", e.getMessage());
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
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
