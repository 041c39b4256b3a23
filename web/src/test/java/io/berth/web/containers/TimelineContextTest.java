package io.berth.web.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.web.testing.ProdAndStagingConsole;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A container's timeline in any context: its audit part is the records made in the page's context (the audit's
 * context column), so the same name in two contexts (two containers) shows each one's own commands only.
 */
class TimelineContextTest extends ProdAndStagingConsole {
  /** The timeline's rows from the audit (not Docker's events): what people did through Berth. */
  static List<String> berthRows(String page) {
    return Arrays.stream(page.split("<tr class=\"")).filter(r -> r.startsWith("berth\"")).toList();
  }

  @Test
  void theSameNameInTwoContextsShowsEachContextsRecordsOnly() {
    c.post("/containers/action", Map.of("action", "stop", "ids", "aaa111"));
    c.post("/containers/action", Map.of("action", "restart", "ids", "staging/bbb222"));
    assertThat(prod.mutatingCalls()).containsExactly("stop aaa111");
    assertThat(staging.mutatingCalls()).containsExactly("restart bbb222");

    var onStaging = c.get("/containers/bbb222/timeline?context=staging");
    assertThat(onStaging.statusCode()).isEqualTo(200);
    assertThat(berthRows(onStaging.body())).as("staging's web: its restart, not prod's stop")
        .anyMatch(r -> r.contains("restart")).noneMatch(r -> r.contains("stop"));

    var onProd = c.get("/containers/aaa111/timeline");
    assertThat(berthRows(onProd.body())).as("prod's web: its stop, not staging's restart")
        .anyMatch(r -> r.contains("stop")).noneMatch(r -> r.contains("restart"));
  }
}
