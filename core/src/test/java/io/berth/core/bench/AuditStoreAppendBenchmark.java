package io.berth.core.bench;

import io.berth.core.adapter.postgres.PostgresAuditTrail;
import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditTrail;
import io.berth.core.model.Source;
import io.berth.core.testing.PostgresCluster;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Benchmark (not a test): durable appends per second into SQLite and PostgreSQL with 8 and 64
 * concurrent writers, next to the disk's own fsync rate measured in the same run on the same file
 * system. The fsync-bound ideal with W writers and group commit is fsync/s x W (each flush commits
 * one record of every waiting writer); the table gives each result's ratio to it. PostgreSQL runs
 * as a throw-away cluster ({@link PostgresCluster}, data under /tmp) on this machine, so client and
 * server share its cores.
 *
 * <p>Run from the repository root: {@code scripts/bench.sh stores [SECONDS [DIRECTORY]]}.
 * Args: SECONDS per store and writer count (default 10), DIRECTORY for the SQLite files and the
 * fsync probe (default /tmp/berth-audit-bench, the file system the PostgreSQL cluster uses).
 */
public final class AuditStoreAppendBenchmark {
  private static final int[] WRITERS = {8, 64};

  private AuditStoreAppendBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path dir = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "/tmp/berth-audit-bench"));
    System.out.printf("audit store append benchmark: %d s per run, SQLite files and fsync probe in %s, %d cores%n",
        seconds, dir, Runtime.getRuntime().availableProcessors());
    // Other work on the machine moves the disk's rate: measure before and after, and take the better
    // one as the ideal (the disk can do at least that), so no result looks closer to it than it is.
    double before = fsyncsPerSecond(dir, 3);
    System.out.printf("disk before: %.0f fsync/s (4 KiB write + fdatasync, one thread, 3 s)%n", before);
    double fsyncs = before;
    for (int w : WRITERS) {
      Path file = dir.resolve("sqlite-" + w + "-" + System.nanoTime() + ".db");
      run("sqlite", w, seconds, fsyncs, () -> SqliteAuditTrail.open(file));
    }
    try (PostgresCluster cluster = PostgresCluster.start()) {
      for (int w : WRITERS) {
        String db = cluster.createDatabase();
        run("postgres", w, seconds, fsyncs, () -> PostgresAuditTrail.open(
            PostgresAuditTrail.Settings.of(cluster.url(db), PostgresCluster.USER), cluster.password()));
      }
    }
    double after = fsyncsPerSecond(dir, 3);
    System.out.printf("disk after: %.0f fsync/s; the ideals above use the before value (%.0f)%s%n", after, before,
        after > before * 1.25 ? " -- the disk was faster after: re-run on a quieter machine" : "");
    // The ideal counts one flush per group commit; SQLite's WAL commit and PostgreSQL's WAL flush each need one.
    System.out.println("ideal = fsync/s x writers (one flush commits one record of every waiting writer)");
  }

  /** Writes 4 KiB and fdatasyncs it, over and over, for {@code seconds}. */
  static double fsyncsPerSecond(Path dir, int seconds) throws Exception {
    Path probe = dir.resolve("fsync-probe-" + System.nanoTime());
    try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        StandardOpenOption.DELETE_ON_CLOSE)) {
      ByteBuffer block = ByteBuffer.allocate(4096);
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      long start = System.nanoTime();
      long n = 0;
      while (System.nanoTime() < end) {
        block.rewind();
        ch.write(block, (n % 256) * 4096);
        ch.force(false);
        n++;
      }
      return n / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static void run(String store, int writers, int seconds, double fsyncs, Supplier<AuditTrail> open)
      throws Exception {
    try (AuditTrail trail = open.get()) {
      for (int i = 0; i < 200; i++) trail.append(entry("warm-" + i)); // JIT, connections, first pages
      long[][] latencies = new long[writers][];
      int[] counts = new int[writers];
      CountDownLatch start = new CountDownLatch(1);
      Thread[] threads = new Thread[writers];
      long[] window = new long[2];
      for (int w = 0; w < writers; w++) {
        int writer = w;
        threads[w] = new Thread(() -> {
          long[] lat = new long[1 << 14];
          int n = 0;
          try {
            start.await();
          } catch (InterruptedException e) {
            return;
          }
          long end = window[1];
          while (true) {
            long t0 = System.nanoTime();
            if (t0 >= end) break;
            trail.append(entry("w" + writer + "-" + n));
            if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
            lat[n++] = System.nanoTime() - t0;
          }
          latencies[writer] = lat;
          counts[writer] = n;
        });
        threads[w].start();
      }
      window[0] = System.nanoTime();
      window[1] = window[0] + Duration.ofSeconds(seconds).toNanos();
      start.countDown();
      for (Thread t : threads) t.join();
      long elapsed = System.nanoTime() - window[0];
      int total = Arrays.stream(counts).sum();
      long[] all = new long[total];
      int at = 0;
      for (int w = 0; w < writers; w++) {
        System.arraycopy(latencies[w], 0, all, at, counts[w]);
        at += counts[w];
      }
      Arrays.sort(all);
      double rate = total / (elapsed / 1e9);
      double ideal = fsyncs * writers;
      var report = trail.verify();
      System.out.printf("%-8s %2d writers: %8.0f appends/s (%d in %.1f s) | p50 %6.2f ms, p99 %7.2f ms | ideal %8.0f/s,"
              + " %5.1f%% of it (%.1fx below) | chain %s (%d records)%n",
          store, writers, rate, total, elapsed / 1e9, ms(all, 0.50), ms(all, 0.99), ideal, 100 * rate / ideal,
          ideal / rate, report.ok() ? "ok" : report.problems(), report.recordsChecked());
    }
  }

  private static double ms(long[] sorted, double q) {
    if (sorted.length == 0) return 0;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static AuditEntry entry(String id) {
    return new AuditEntry(id, Instant.now(), AuditOutcome.REQUESTED, "bench", Source.CLI, "bench", "Benchmark",
        "local", "stop web", "stop", "web", null, null);
  }
}
