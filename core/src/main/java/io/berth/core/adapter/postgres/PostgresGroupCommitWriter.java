package io.berth.core.adapter.postgres;

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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's single writer: callers enqueue entries and wait; one thread commits whatever has
 * queued up in one transaction (one WAL flush on the server), then releases every caller in that
 * batch. Each transaction takes the append lock first and reads the tail under it, so writers in
 * other Berth processes interleave whole batches and the chain stays linear. A batch commits
 * entirely or fails entirely: no caller is told "durable" for a record that is not.
 */
final class PostgresGroupCommitWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresGroupCommitWriter.class);
  private static final Pending STOP = new Pending(null, new CompletableFuture<>());

  /** An entry to append, or (entry null) a probe that only rewrites the probe row. */
  private record Pending(AuditEntry entry, CompletableFuture<Void> done) {}

  /** Opens the writer's session (again after a failure). */
  interface Sessions {
    Connection open() throws SQLException;
  }

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final ReentrantReadWriteLock admission = new ReentrantReadWriteLock();
  private final Sessions sessions;
  private final PostgresFailures failures;
  private final int maxBatch;
  private final Thread thread;
  private Connection connection;
  private boolean closed;
  private volatile boolean lastAppendFailed;

  PostgresGroupCommitWriter(Sessions sessions, PostgresFailures failures, int maxBatch, String name) {
    this.sessions = sessions;
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
    CompletableFuture<Void> done = submit(entry);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          done.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the record may already be on its way: the caller must learn the real outcome
        } catch (ExecutionException e) {
          if (e.getCause() instanceof AuditUnavailableException a) throw new AuditUnavailableException(a.getMessage(), a);
          if (e.getCause() instanceof RuntimeException r) throw r;
          throw new IllegalStateException("append failed", e.getCause());
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  /** True when the latest batch of real records failed (health stays red until one gets through). */
  boolean lastAppendFailed() {
    return lastAppendFailed;
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
        boolean stop = batch.remove(STOP); // STOP is always the last thing queued
        if (!batch.isEmpty()) commit(batch);
        if (stop) break;
      }
    } finally {
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

  private void commit(List<Pending> batch) {
    try {
      Connection c = connection();
      try {
        PostgresSchema.lock(c);
        ChainHead tail = PostgresRows.tail(c);
        long seq = tail.seq();
        String prev = tail.hash();
        boolean probe = false;
        boolean rows = false;
        try (PreparedStatement insert = c.prepareStatement(PostgresRows.INSERT)) {
          for (Pending p : batch) {
            if (p.entry() == null) {
              probe = true;
              continue;
            }
            AuditRow row = AuditRow.link(++seq, p.entry(), prev);
            PostgresRows.bind(insert, row);
            insert.addBatch();
            prev = row.hash();
            rows = true;
          }
          if (rows) insert.executeBatch();
        }
        if (probe) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO writable_probe (id, at_ms) VALUES (1, ?) "
              + "ON CONFLICT (id) DO UPDATE SET at_ms = EXCLUDED.at_ms")) {
            ps.setLong(1, System.currentTimeMillis());
            ps.executeUpdate();
          }
        }
        c.commit(); // returns once the server has flushed the commit record (synchronous_commit = on)
      } catch (SQLException | RuntimeException e) {
        PostgresSchema.rollbackQuietly(c);
        throw e;
      }
      if (batch.stream().anyMatch(p -> p.entry() != null)) lastAppendFailed = false;
      for (Pending p : batch) p.done().complete(null);
    } catch (Error e) {
      var failure = failures.unavailable(e);
      for (Pending p : batch) p.done().completeExceptionally(failure);
      throw e;
    } catch (SQLException | RuntimeException e) {
      log.error("audit batch of {} failed: {}", batch.size(), failures.describe(e));
      closeConnection(); // a fresh session next time: this one may be broken
      if (batch.stream().anyMatch(p -> p.entry() != null)) lastAppendFailed = true;
      var failure = failures.unavailable(e);
      for (Pending p : batch) p.done().completeExceptionally(failure);
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = sessions.open();
      c.setAutoCommit(false);
      connection = c;
    }
    return connection;
  }

  private void closeConnection() {
    if (connection == null) return;
    PostgresConnections.closeQuietly(connection);
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
