package io.berth.core.audit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An audit store that also writes signed checkpoints: after every {@code every} records, at least
 * every {@code interval} while records arrive, and at close; each checkpoint also goes to the
 * witnesses. Checkpoints are written on a background thread, so no command waits for a signature.
 */
public final class CheckpointingAuditTrail implements AuditTrail {
  private static final Logger log = LoggerFactory.getLogger(CheckpointingAuditTrail.class);

  /** When to checkpoint: after {@code every} records, and every {@code interval} while any arrived. */
  public record Cadence(int every, Duration interval) {
    public static final Cadence DEFAULTS = new Cadence(1000, Duration.ofSeconds(60));

    public Cadence {
      if (every < 1) throw new IllegalArgumentException("audit.checkpoint.every must be at least 1");
      if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("audit.checkpoint.interval must be positive");
    }
  }

  private final AuditTrail store;
  private final CheckpointSigner signer;
  private final List<CheckpointWitness> witnesses;
  private final Cadence cadence;
  private final AtomicLong sinceLast = new AtomicLong();
  private final ScheduledExecutorService timer;

  public CheckpointingAuditTrail(AuditTrail store, CheckpointSigner signer, List<CheckpointWitness> witnesses,
      Cadence cadence) {
    this.store = store;
    this.signer = signer;
    this.witnesses = new java.util.concurrent.CopyOnWriteArrayList<>(witnesses);
    this.cadence = cadence;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "audit-checkpoints");
      t.setDaemon(true);
      return t;
    });
    long ms = cadence.interval().toMillis();
    timer.scheduleWithFixedDelay(() -> {
      if (sinceLast.get() > 0) checkpointQuietly();
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void append(AuditEntry entry) {
    store.append(entry);
    if (sinceLast.incrementAndGet() == cadence.every()) {
      try {
        timer.execute(this::checkpointQuietly);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // close() writes the final checkpoint
      }
    }
  }

  /** Hands every later checkpoint to {@code witness} too (a chat channel joins once its bot runs). */
  public void addWitness(CheckpointWitness witness) {
    witnesses.add(witness);
  }

  /** Writes a checkpoint of the current head now with Berth's key (and hands it to the witnesses). */
  public Optional<Checkpoint> checkpointNow() {
    return checkpoint(signer);
  }

  /** Writes a checkpoint of the current head signed by {@code by}, and hands it to the witnesses. */
  @Override
  public synchronized Optional<Checkpoint> checkpoint(CheckpointSigner by) {
    long seen = sinceLast.get();
    Optional<Checkpoint> written = store.checkpoint(by);
    sinceLast.addAndGet(-seen); // only once it is written: a failed one is retried by the timer
    written.ifPresent(c -> {
      for (CheckpointWitness w : witnesses) {
        try {
          w.witness(c);
        } catch (Exception e) {
          log.error("{} did not take the checkpoint at seq {}: {}", w.describe(), c.seq(), e.getMessage());
        }
      }
    });
    return written;
  }

  private void checkpointQuietly() {
    try {
      checkpointNow();
    } catch (RuntimeException e) {
      log.error("audit checkpoint failed: {}", e.getMessage());
    }
  }

  @Override
  public ChainHead head() {
    return store.head();
  }

  @Override
  public boolean writable() {
    return store.writable();
  }

  @Override
  public List<AuditRecord> query(AuditFilter filter, int limit) {
    return store.query(filter, limit);
  }

  @Override
  public void scan(AuditFilter filter, AuditRowSink sink) {
    store.scan(filter, sink);
  }

  @Override
  public <T> T inOneRead(Function<AuditReader, T> work) {
    return store.inOneRead(reader -> work.apply(this)); // this trail's reads go to the store, on its one session
  }

  @Override
  public void replay(long fromSeq, long toSeq, AuditRowSink sink) {
    store.replay(fromSeq, toSeq, sink);
  }

  @Override
  public void export(AuditFilter filter, ExportFormat format, java.io.Writer out, Predicate<AuditEntry> visible) {
    store.export(filter, format, out, visible);
  }

  @Override
  public List<Checkpoint> checkpoints() {
    return store.checkpoints();
  }

  @Override
  public List<ArchivedRange> archived() {
    return store.archived();
  }

  @Override
  public List<AuditRecord> unfinished() {
    return store.unfinished();
  }

  @Override
  public List<String> storageProblems() {
    return store.storageProblems();
  }

  @Override
  public void pruneArchived(ArchivedRange range) {
    store.pruneArchived(range);
  }

  /** Stops the timer, writes the closing checkpoint (clean shutdown), closes the store. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      checkpointNow();
    } catch (RuntimeException e) {
      log.error("closing audit checkpoint failed: {}", e.getMessage());
    }
    store.close();
  }
}
