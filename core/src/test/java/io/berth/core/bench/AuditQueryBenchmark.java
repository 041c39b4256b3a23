package io.berth.core.bench;

import io.berth.core.adapter.sqlite.MillionRows;
import io.berth.core.adapter.sqlite.QueryPlans;
import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.model.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark (not a test): the console's audit page query (first page, 50 + 1 rows, newest first)
 * for every combination of its eight filters (user, source, action, target, outcome, from, to,
 * text: 256 combinations) over a generated trail of RECORDS rows. Prints p50/p95 per combination,
 * the query plan of the slowest ones, and the worst p95.
 *
 * <p>Args (optional): RECORDS (default 1000000), ROUNDS per combination (default 20), FILE (default
 * a new temp file; an existing file with RECORDS rows is reused as is: delete it after a schema change).
 */
public final class AuditQueryBenchmark {
  private AuditQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path file = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("berth-qbench").resolve("audit.db");
    long last;
    if (!Files.exists(file)) {
      long t0 = System.nanoTime();
      last = MillionRows.fill(file, records, 42);
      System.out.printf("generated %d records in %.1f s (%d MB)%n", records, (System.nanoTime() - t0) / 1e9,
          Files.size(file) >> 20);
    } else {
      last = MillionRows.START_MS + (long) records * 1500; // approximate: the mean step is ~1.5 s per record
    }
    long span = last - MillionRows.START_MS;
    Instant from = Instant.ofEpochMilli(MillionRows.START_MS + span / 2);
    Instant to = Instant.ofEpochMilli(MillionRows.START_MS + span * 9 / 10);
    String[] names = {"user", "source", "action", "target", "outcome", "from", "to", "text"};
    List<double[]> results = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<AuditFilter> filters = new ArrayList<>();
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      for (int mask = 0; mask < 256; mask++) {
        AuditFilter f = new AuditFilter(bit(mask, 0) ? MillionRows.USER : null,
            bit(mask, 1) ? Source.of(MillionRows.SOURCE) : null, bit(mask, 2) ? MillionRows.ACTION : null,
            bit(mask, 3) ? MillionRows.TARGET : null, bit(mask, 4) ? AuditOutcome.FAILED : null,
            bit(mask, 5) ? from : null, bit(mask, 6) ? to : null, bit(mask, 7) ? MillionRows.RARE_TEXT : null, null);
        trail.query(f, 51); // warm (plan, pages)
        long[] t = new long[rounds];
        int rows = 0;
        for (int i = 0; i < rounds; i++) {
          long t0 = System.nanoTime();
          rows = trail.query(f, 51).size();
          t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        StringBuilder label = new StringBuilder();
        for (int b = 0; b < 8; b++) if (bit(mask, b)) label.append(label.length() == 0 ? "" : "+").append(names[b]);
        labels.add((label.length() == 0 ? "(none)" : label.toString()) + " [" + rows + " rows]");
        results.add(new double[] {t[rounds / 2] / 1e6, t[(int) Math.ceil(rounds * 0.95) - 1] / 1e6});
        filters.add(f);
      }
    }
    double worst = 0;
    int over = 0;
    for (int i = 0; i < results.size(); i++) {
      double[] r = results.get(i);
      System.out.printf("%-60s p50 %8.2f ms  p95 %8.2f ms%n", labels.get(i), r[0], r[1]);
      worst = Math.max(worst, r[1]);
      if (r[1] > 20) {
        over++;
        System.out.println("    plan: " + String.join(" | ", QueryPlans.explain(file, filters.get(i), 51)));
      }
    }
    System.out.printf("combinations: %d, p95 > 20 ms: %d, worst p95 %.2f ms%n", results.size(), over, worst);
  }

  private static boolean bit(int mask, int b) {
    return (mask & (1 << b)) != 0;
  }
}
