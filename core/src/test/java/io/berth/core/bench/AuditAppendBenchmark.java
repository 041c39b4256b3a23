package io.berth.core.bench;

import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.model.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Benchmark (not a test): 8 concurrent writers append to a fresh SQLite audit trail for a fixed
 * time; every append is durable (WAL, synchronous=FULL) before it returns. Runs twice: with group
 * commit (the default, many records per transaction) and with one transaction per record
 * ({@code maxBatch=1}) as the baseline. Prints appends/s and p50/p99/max append latency.
 *
 * <p>Run from the repository root: {@code scripts/bench.sh audit} (builds in one reactor, then runs
 * this main; arguments after the name replace the defaults).
 *
 * Args (all optional): SECONDS per mode (default 10), WRITERS (default 8), DIRECTORY for the
 * database files (default a new temp directory; use a directory on the disk you care about).
 */
public final class AuditAppendBenchmark {
  private AuditAppendBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int writers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path dir = args.length > 2 ? Files.createDirectories(Path.of(args[2])) : Files.createTempDirectory("berth-bench");
    System.out.printf("audit append benchmark: %d writers, %d s per mode, files in %s%n", writers, seconds, dir);
    run("group commit (maxBatch 1000)", dir.resolve("group-" + System.nanoTime() + ".db"),
        SqliteAuditTrail.Settings.DEFAULTS, writers, seconds);
    run("one transaction per record (maxBatch 1)", dir.resolve("single-" + System.nanoTime() + ".db"),
        new SqliteAuditTrail.Settings(Duration.ofSeconds(5), 1, false), writers, seconds);
  }

  private static void run(String mode, Path file, SqliteAuditTrail.Settings settings, int writers, int seconds)
      throws Exception {
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file, settings)) {
      // warm-up: JIT, native library, first WAL pages
      for (int i = 0; i < 200; i++) trail.append(entry("warm-" + i));
      long[][] latencies = new long[writers][];
      int[] counts = new int[writers];
      CountDownLatch start = new CountDownLatch(1);
      Thread[] threads = new Thread[writers];
      long[] window = new long[2];
      for (int w = 0; w < writers; w++) {
        int writer = w;
        threads[w] = new Thread(() -> {
          long[] lat = new long[1 << 16];
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
            long t1 = System.nanoTime();
            if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
            lat[n++] = t1 - t0;
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
      var report = trail.verify();
      System.out.printf("%-42s %9d appends in %5.1f s = %8.0f appends/s | latency p50 %6.2f ms, p99 %6.2f ms, "
              + "max %7.2f ms | chain %s (%d records)%n",
          mode, total, elapsed / 1e9, total / (elapsed / 1e9), ms(all, 0.50), ms(all, 0.99),
          all.length == 0 ? 0 : all[all.length - 1] / 1e6, report.ok() ? "ok" : report.problems(),
          report.recordsChecked());
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
