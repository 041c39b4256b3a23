package io.berth.core.adapter.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's work after commits, on a thread of its own so no commit waits for it: first the
 * full-text index catches up with the new rows ({@link TextIndexer}), then the WAL is copied back
 * into the database file (so the index's pages go into the same checkpoint).
 *
 * <p>The checkpoint: SQLite's default is for the connection whose commit pushed the WAL past 1,000 pages
 * to do it right there, inside that commit (every caller in the group commit waits for a copy of ~4 MB and
 * an extra fsync of the database file); the store's writer sessions turn that off
 * ({@code wal_autocheckpoint = 0}) and this thread checkpoints instead, {@code delay} after a
 * commit wakes it (one run for all the commits of that interval).
 *
 * <p>PASSIVE checkpoints never block a writer; they copy what no reader still needs, and the next
 * commit after a complete one starts the WAL over. Should readers keep it from completing while
 * the WAL passes {@code restartFrames}, a RESTART checkpoint (which waits for them, and holds new
 * writers back meanwhile, up to the busy timeout) bounds the file.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

  /** Opens a session on the store's file that may write (checkpoints need that). */
  interface Sessions {
    Connection open() throws SQLException;
  }

  private final Sessions sessions;
  private final long delayMs;
  private final int restartFrames;
  private final Thread thread;
  private final LongAdder checkpoints = new LongAdder();
  private boolean dirty;
  private boolean closed;

  WalCheckpointer(Sessions sessions, Duration delay, int restartFrames, String name) {
    this.sessions = sessions;
    this.delayMs = delay.toMillis();
    this.restartFrames = restartFrames;
    this.thread = new Thread(this::loop, "audit-wal-checkpoint " + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** A write transaction committed: checkpoint after the delay. */
  synchronized void committed() {
    if (!dirty) {
      dirty = true;
      notifyAll();
    }
  }

  /** Checkpoints this thread ran since the store opened. */
  long checkpoints() {
    return checkpoints.sum();
  }

  private void loop() {
    while (true) {
      synchronized (this) {
        try {
          while (!dirty && !closed) wait();
          if (closed) return;
          wait(delayMs); // gather the commits of the interval (close() cuts it short)
          if (closed) return;
        } catch (InterruptedException e) {
          return;
        }
        dirty = false;
      }
      checkpoint();
    }
  }

  private void checkpoint() {
    try (Connection c = sessions.open(); Statement st = c.createStatement()) {
      try {
        TextIndexer.catchUp(c);
      } catch (SQLException | RuntimeException e) {
        // text queries read the rows above the mark directly: slower, never wrong; the next commit retries
        log.warn("audit full-text indexing failed: {}", e.getMessage());
      }
      int logFrames;
      int copied;
      try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
        rs.next();
        logFrames = rs.getInt(2);
        copied = rs.getInt(3);
      }
      if (logFrames > restartFrames && copied < logFrames) {
        st.executeQuery("PRAGMA wal_checkpoint(RESTART)").close();
      }
      checkpoints.increment();
    } catch (SQLException | RuntimeException e) {
      // the next commit wakes it again; the WAL only grows meanwhile, nothing is lost
      log.warn("audit WAL checkpoint failed: {}", e.getMessage());
    }
  }

  /** Stops the thread (closing the last connection checkpoints whatever is left). */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
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
