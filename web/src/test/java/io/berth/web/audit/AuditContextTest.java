package io.berth.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.web.testing.ProdAndStagingConsole;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit page's context: a select of the configured endpoints, a column, the filter and the export. */
class AuditContextTest extends ProdAndStagingConsole {
  @Test
  void theAuditPageFiltersByContextShowsItAndExportsIt() {
    c.post("/containers/action", Map.of("action", "stop", "ids", "aaa111"));
    c.post("/containers/action", Map.of("action", "restart", "ids", "staging/bbb222"));
    assertThat(prod.mutatingCalls()).containsExactly("stop aaa111");
    assertThat(staging.mutatingCalls()).containsExactly("restart bbb222");

    String all = c.get("/audit").body();
    assertThat(all).contains("id=\"a-context\"").contains("<option value=\"\" selected>any context</option>")
        .contains("<option value=\"prod\">prod</option>").contains("<option value=\"staging\">staging</option>")
        .contains("<th>Context</th>").contains("<td class=\"mono\">staging</td>").contains("<td class=\"mono\">prod</td>");

    String onStaging = c.getHtmx("/audit?context=staging").body();
    assertThat(onStaging).contains("<option value=\"staging\" selected>staging</option>")
        .contains("restart");
    assertThat(onStaging.split("class=\"audit-command\"", -1)).as("one command ran in staging").hasSize(2);
    assertThat(onStaging).containsPattern("href=\"/audit/export\\?format=csv&[^\"]*context=staging");

    String csv = c.get("/audit/export?format=csv&context=prod").body();
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).contains(",duration_ms,context,first_seq,");
    assertThat(lines.subList(1, lines.size())).as("the console's landing ps ran in prod too").hasSize(2)
        .allMatch(l -> l.contains(",prod,")).anyMatch(l -> l.contains(",stop,")).noneMatch(l -> l.contains(",restart,"));

    // prod's web and staging's web are two containers: the timeline of prod's lists only its own commands
    String timeline = c.get("/containers/aaa111/timeline").body();
    assertThat(timeline).contains("stop").doesNotContain("restart");

    HttpResponse<String> bad = c.get("/audit?context=..%2Fx");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("context: \"../x\" is not a context name");
  }
}
