package io.berth.core.bench;

import io.berth.core.adapter.sqlite.MillionRows;
import io.berth.core.adapter.sqlite.QueryPlans;
import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.CommandFolding;
import io.berth.core.model.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark (not a test): the console's audit page as it runs — {@link CommandFolding#page}, 50
 * commands with their phases folded in (the rows query, then the records of those requests; on
 * the second page also the check that leaves out commands already listed) — for every combination
 * of its nine filters (user, source, action, target, outcome, from, to, text, context: 512 combinations)
 * over a generated trail of RECORDS rows, first page and the page after it. Prints p50/p95 per
 * combination and page, the query plan of the slowest ones, and the worst p95.
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
    String[] names = {"user", "source", "action", "target", "outcome", "from", "to", "text", "context"};
    List<double[]> results = new ArrayList<>();
    List<double[]> results2 = new ArrayList<>();
    List<double[]> results3 = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<AuditFilter> filters = new ArrayList<>();
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      for (int mask = 0; mask < 1 << names.length; mask++) {
        AuditFilter f = new AuditFilter(bit(mask, 0) ? MillionRows.USER : null,
            bit(mask, 1) ? Source.of(MillionRows.SOURCE) : null, bit(mask, 2) ? MillionRows.ACTION : null,
            bit(mask, 3) ? MillionRows.TARGET : null, bit(mask, 4) ? AuditOutcome.FAILED : null,
            bit(mask, 5) ? from : null, bit(mask, 6) ? to : null, bit(mask, 7) ? MillionRows.RARE_TEXT : null, null)
            .inContext(bit(mask, 8) ? MillionRows.CONTEXT : null);
        CommandFolding.Page first = page(trail, f); // warm (plan, pages)
        AuditFilter next = first.nextCursor() == null ? null : f.before(first.nextCursor());
        if (next != null) page(trail, next);
        long[] t = new long[rounds];
        long[] t2 = new long[rounds];
        long[] raw = new long[rounds];
        int rows = 0;
        for (int i = 0; i < rounds; i++) {
          long t0 = System.nanoTime();
          rows = page(trail, f).commands().size();
          t[i] = System.nanoTime() - t0;
          t0 = System.nanoTime();
          if (next != null) page(trail, next);
          t2[i] = next == null ? 0 : System.nanoTime() - t0;
          t0 = System.nanoTime();
          trail.query(f, 51); // the rows query alone (the unfolded page before this change), same load
          raw[i] = System.nanoTime() - t0;
        }
        Arrays.sort(raw);
        results3.add(new double[] {raw[rounds / 2] / 1e6, raw[(int) Math.ceil(rounds * 0.95) - 1] / 1e6});
        Arrays.sort(t2);
        results2.add(new double[] {t2[rounds / 2] / 1e6, t2[(int) Math.ceil(rounds * 0.95) - 1] / 1e6});
        Arrays.sort(t);
        StringBuilder label = new StringBuilder();
        for (int b = 0; b < names.length; b++) if (bit(mask, b)) label.append(label.length() == 0 ? "" : "+").append(names[b]);
        labels.add((label.length() == 0 ? "(none)" : label.toString()) + " [" + rows + " commands]");
        results.add(new double[] {t[rounds / 2] / 1e6, t[(int) Math.ceil(rounds * 0.95) - 1] / 1e6});
        filters.add(f);
      }
    }
    double worst = 0;
    int over = 0;
    for (int i = 0; i < results.size(); i++) {
      double[] r = results.get(i);
      double[] r2 = results2.get(i);
      double[] r3 = results3.get(i);
      System.out.printf("%-52s page 1 p50 %7.2f p95 %7.2f | page 2 p50 %7.2f p95 %7.2f | rows only p50 %7.2f p95 %7.2f ms%n",
          labels.get(i), r[0], r[1], r2[0], r2[1], r3[0], r3[1]);
      worst = Math.max(worst, Math.max(r[1], r2[1]));
      if (r[1] > 20 || r2[1] > 20) {
        over++;
        System.out.println("    plan: " + String.join(" | ", QueryPlans.explain(file, filters.get(i), 101)));
      }
    }
    System.out.printf("combinations: %d, p95 > 20 ms: %d, worst p95 %.2f ms%n", results.size(), over, worst);
  }

  /** One console page: what {@code AuditQuery} runs for the console (50 commands, everything visible). */
  private static CommandFolding.Page page(SqliteAuditTrail trail, AuditFilter f) {
    return CommandFolding.page(trail, f, 50, e -> true, io.berth.core.command.AuditQuery.AUDIT_SCAN);
  }

  private static boolean bit(int mask, int b) {
    return (mask & (1 << b)) != 0;
  }
}
