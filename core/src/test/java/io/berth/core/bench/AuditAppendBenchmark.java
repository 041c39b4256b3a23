package io.berth.core.bench;

import io.berth.core.adapter.jdbc.GroupCommitStats;
import io.berth.core.adapter.jdbc.JdbcAuditTrail;
import io.berth.core.adapter.postgres.PostgresAuditTrail;
import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.model.Source;
import io.berth.core.testing.PostgresCluster;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Benchmark (not a test): durable appends per second into an audit store with W concurrent
 * writers, next to the disk's own fsync rate measured in the same run on the same file system.
 * Every {@code append} returns only once its record is durable (SQLite: WAL, synchronous=FULL;
 * PostgreSQL: synchronous_commit=on), so each commit costs at least one flush of the log.
 *
 * <p>The fsync-bound ideal: one flush per group commit, and a commit can hold at most one record
 * per waiting writer (each writer waits for its own record) and at most maxBatch. So ideal =
 * fsync/s x min(W, maxBatch); the benchmark also prints the records per commit as actually
 * batched and commits/s against fsync/s (how much of each commit is the flush).
 *
 * <p>Run from the repository root: {@code scripts/bench.sh audit [STORES [WRITERS [SECONDS [DIR [MAXBATCH]]]]]}.
 * STORES: sqlite, postgres or sqlite,postgres (default both); WRITERS: comma-separated counts
 * (default 8,64); SECONDS per run (default 10); DIR for the SQLite files and the fsync probe
 * (default /tmp/berth-audit-bench, the file system the throw-away PostgreSQL cluster uses);
 * MAXBATCH records per transaction (default 1000; 1 = one transaction per record, the baseline);
 * CEILING {@code ceiling} (default) or {@code noceiling}.
 *
 * <p>The CPU ceiling: the same store and writer counts with the flush off, in the same run — SQLite's
 * files on tmpfs ({@code /dev/shm}, where fdatasync returns at once: synchronous=FULL costs nothing),
 * PostgreSQL in a throw-away cluster with {@code fsync=off}. What a store reaches there is what its
 * commits cost in CPU (and context switches) on this machine; durable rate / ceiling rate says how much of
 * the gap to the fsync ideal is the flush, ceiling / ideal how much is CPU and the commit design.
 */
public final class AuditAppendBenchmark {
  private AuditAppendBenchmark() {}

  /** One store under test: opens a fresh, empty one for each run. */
  private interface Store extends AutoCloseable {
    JdbcAuditTrail open(int maxBatch) throws Exception;

    @Override
    default void close() {}
  }

  public static void main(String[] args) throws Exception {
    List<String> stores = List.of((args.length > 0 ? args[0] : "sqlite,postgres").split(","));
    int[] writers = Arrays.stream((args.length > 1 ? args[1] : "8,64").split(",")).mapToInt(Integer::parseInt).toArray();
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path dir = Files.createDirectories(Path.of(args.length > 3 ? args[3] : "/tmp/berth-audit-bench"));
    int maxBatch = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
    boolean ceiling = !(args.length > 5 && args[5].equals("noceiling"));
    System.out.printf("audit append benchmark: stores %s, writers %s, %d s per run, maxBatch %d, files and fsync probe"
        + " in %s, %d cores, load average %s%n", stores, Arrays.toString(writers), seconds, maxBatch, dir,
        Runtime.getRuntime().availableProcessors(), loadAverage());
    double before = fsyncsPerSecond(dir, 3);
    System.out.printf("disk before: %.0f fsync/s (4 KiB write + fdatasync, one thread, 3 s)%n", before);
    List<String> rows = new ArrayList<>();
    for (String name : stores) {
      try (Store store = store(name, dir, true)) {
        for (int w : writers) rows.add(run(name, store, w, maxBatch, seconds, before));
      }
      if (!ceiling) continue;
      try (Store store = store(name, dir, false)) {
        for (int w : writers) rows.add(run(name + "/noflush", store, w, maxBatch, seconds, before));
      }
    }
    double after = fsyncsPerSecond(dir, 3);
    System.out.printf("disk after: %.0f fsync/s; ideals use the before value (%.0f)%s; load average %s%n", after, before,
        after > before * 1.25 ? " -- the disk was faster after: re-run on a quieter machine" : "", loadAverage());
    System.out.println("ideal = fsync/s x min(writers, maxBatch): one flush per group commit, one record per waiting writer");
    rows.forEach(System.out::println);
  }

  /** A store of {@code name}; {@code flushes} false: the CPU ceiling's store (nothing reaches the disk). */
  private static Store store(String name, Path dir, boolean flushes) throws Exception {
    return switch (name) {
      case "sqlite" -> {
        Path files = flushes ? dir : Files.createDirectories(Path.of("/dev/shm", "berth-audit-bench-" + System.nanoTime()));
        yield new Store() {
          @Override
          public JdbcAuditTrail open(int maxBatch) {
            return SqliteAuditTrail.open(files.resolve("sqlite-" + System.nanoTime() + ".db"),
                new SqliteAuditTrail.Settings(Duration.ofSeconds(5), maxBatch, false));
          }

          @Override
          public void close() {
            if (!flushes) deleteTree(files);
          }
        };
      }
      case "postgres" -> new Store() {
        private final PostgresCluster cluster = flushes ? PostgresCluster.start() : PostgresCluster.startWithoutFlush();

        @Override
        public JdbcAuditTrail open(int maxBatch) throws Exception {
          return PostgresAuditTrail.open(PostgresAuditTrail.Settings.of(cluster.url(cluster.createDatabase()),
              PostgresCluster.USER).withMaxBatch(maxBatch), cluster.password());
        }

        @Override
        public void close() {
          cluster.close();
        }
      };
      default -> throw new IllegalArgumentException("unknown store " + name + " (sqlite, postgres)");
    };
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("could not delete " + root + ": " + e.getMessage());
    }
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

  private static String run(String name, Store store, int writers, int maxBatch, int seconds, double fsyncs)
      throws Exception {
    try (JdbcAuditTrail trail = store.open(maxBatch)) {
      for (int i = 0; i < 200; i++) trail.append(entry("warm-" + i)); // JIT, sessions, first pages
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
      GroupCommitStats before = trail.writerStats();
      long cpuBefore = processCpuNanos();
      long writerCpuBefore = writerCpuNanos();
      window[0] = System.nanoTime();
      window[1] = window[0] + Duration.ofSeconds(seconds).toNanos();
      start.countDown();
      for (Thread t : threads) t.join();
      long elapsed = System.nanoTime() - window[0];
      long cpu = processCpuNanos() - cpuBefore;
      long writerCpu = writerCpuNanos() - writerCpuBefore;
      GroupCommitStats batches = trail.writerStats().minus(before);
      int total = Arrays.stream(counts).sum();
      long[] all = new long[total];
      int at = 0;
      for (int w = 0; w < writers; w++) {
        System.arraycopy(latencies[w], 0, all, at, counts[w]);
        at += counts[w];
      }
      Arrays.sort(all);
      double secs = elapsed / 1e9;
      double rate = total / secs;
      double ideal = fsyncs * Math.min(writers, maxBatch);
      double commits = batches.commits() / secs;
      double oneRoundTrip = batches.commits() == 0 ? 0 : 100.0 * batches.oneRoundTrip() / batches.commits();
      var report = trail.verify();
      String row = String.format("%-16s %2d writers: %7.0f appends/s | p50 %6.2f ms, p99 %7.2f ms | %6.0f commits/s "
              + "(%3.0f%% of fsync/s), %5.1f records/commit, %3.0f%% in one round trip | ideal %7.0f/s, "
              + "%5.1f%% of it (%.1fx below) | CPU %5.1f us/append, writer thread %5.1f us/append | load %s"
              + " | chain %s (%d records)",
          name, writers, rate, ms(all, 0.50), ms(all, 0.99), commits, 100 * commits / fsyncs,
          batches.recordsPerCommit(), oneRoundTrip, ideal, 100 * rate / ideal, ideal / rate,
          total == 0 ? 0 : cpu / 1e3 / total, total == 0 ? 0 : writerCpu / 1e3 / total, loadAverage(),
          report.ok() ? "ok" : report.problems(), report.recordsChecked());
      System.out.println(row);
      return row;
    }
  }

  /**
   * This process's CPU time (all threads: the callers, the writer, JDBC; not the PostgreSQL server's
   * processes). Per append it is what the client side costs, which the load of a shared machine
   * inflates less than it moves appends/s.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU time of the store's group-commit writer thread(s): the serial part of every append. */
  private static long writerCpuNanos() {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("audit-writer")) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
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
