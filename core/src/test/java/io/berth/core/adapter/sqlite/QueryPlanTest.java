package io.berth.core.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.model.Source;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's query plans, for every combination of its nine filters (what the p95 ≤ 20 ms at
 * 1,000,000 records rests on; the numbers are in docs/benchmarks.md): never a sort of all matching
 * rows, and an equality filter on target, user, action, outcome or context is served by its covering
 * index, the most selective one first (a context, one of a few endpoints, last).
 */
class QueryPlanTest {
  @TempDir Path dir;

  @Test
  void everyFilterCombinationReadsNewestFirstThroughTheMostSelectiveIndexWithoutSorting() throws Exception {
    Path file = dir.resolve("audit.db");
    SqliteAuditTrail.open(file).close();
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    for (int mask = 0; mask < 512; mask++) {
      AuditFilter f = new AuditFilter(bit(mask, 0) ? "alice" : null, bit(mask, 1) ? Source.SLACK : null,
          bit(mask, 2) ? "rm" : null, bit(mask, 3) ? "web" : null, bit(mask, 4) ? AuditOutcome.FAILED : null,
          bit(mask, 5) ? from : null, bit(mask, 6) ? from.plusSeconds(3600) : null, bit(mask, 7) ? "timeout" : null,
          null).inContext(bit(mask, 8) ? "prod" : null);
      List<String> plan = QueryPlans.explain(file, f, 51);
      String text = String.join(" | ", plan);
      assertThat(text).as("filter %s: %s", f, text).doesNotContain("TEMP B-TREE FOR ORDER BY");
      String expected = bit(mask, 3) ? "audit_by_target" : bit(mask, 0) ? "audit_by_user"
          : bit(mask, 2) ? "audit_by_action" : bit(mask, 4) ? "audit_by_outcome"
          : bit(mask, 8) ? "audit_by_context" : null;
      if (bit(mask, 7) && plan.get(0).startsWith("SEARCH audit USING INTEGER PRIMARY KEY")) {
        assertThat(text).as("filter %s", f).contains("audit_text VIRTUAL TABLE INDEX"); // full-text candidates first
      } else if (expected != null) {
        assertThat(plan.get(0)).as("filter %s: %s", f, text).startsWith("SEARCH audit USING INDEX " + expected)
            .doesNotContain("OR");
      }
    }
  }

  /** Folding's lookups (a page's commands, by request id, with or without the filters) never scan: audit_request_id. */
  @Test
  void theRecordsOfAPagesCommandsAreFoundByRequestIdWhateverTheFilter() throws Exception {
    Path file = dir.resolve("audit.db");
    SqliteAuditTrail.open(file).close();
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    for (int mask = 0; mask < 512; mask++) {
      AuditFilter f = new AuditFilter(bit(mask, 0) ? "alice" : null, bit(mask, 1) ? Source.SLACK : null,
          bit(mask, 2) ? "rm" : null, bit(mask, 3) ? "web" : null, bit(mask, 4) ? AuditOutcome.FAILED : null,
          bit(mask, 5) ? from : null, bit(mask, 6) ? from.plusSeconds(3600) : null, bit(mask, 7) ? "timeout" : null,
          null).inContext(bit(mask, 8) ? "prod" : null).onlyRequests(List.of("r1", "r2", "r3"));
      List<String> plan = QueryPlans.explain(file, f, Integer.MAX_VALUE);
      assertThat(plan.get(0)).as("filter %s: %s", f, plan).startsWith("SEARCH audit USING INDEX audit_request_id");
    }
  }

  private static boolean bit(int mask, int b) {
    return (mask & (1 << b)) != 0;
  }
}
