package io.berth.web.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.web.testing.ProdAndStagingConsole;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The containers page's context switcher: ?context=NAME, all with a Context column, actions landing on the row's engine. */
class ContainersContextTest extends ProdAndStagingConsole {
  {
    staging.with("ccc333", "worker", "exited", Map.of());
  }

  @Test
  void theListShowsTheChosenContextAndAllWithAContextColumn() {
    String byDefault = c.get("/containers").body();
    assertThat(byDefault).contains("id=\"c-aaa111\"").doesNotContain("bbb222").contains("id=\"f-context\"")
        .contains("sse-connect=\"/containers/events?");

    String onStaging = c.get("/containers?context=staging").body();
    assertThat(onStaging).contains("id=\"c-staging-bbb222\"").contains("id=\"c-staging-ccc333\"").doesNotContain("aaa111")
        .contains("value=\"staging/bbb222\"").contains("sse-connect=\"/containers/events?").contains("context=staging")
        .doesNotContain("<th>Context</th>");

    String all = c.get("/containers?context=all").body();
    assertThat(all).contains("<th>Context</th>").contains("id=\"c-aaa111\"").contains("id=\"c-staging-bbb222\"")
        .contains("<td class=\"context\">prod</td>").contains("<td class=\"context\">staging</td>");

    HttpResponse<String> unknown = c.get("/containers?context=qa");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("context \"qa\" does not exist").contains("prod, staging, all");
  }

  @Test
  void anActionOnARowLandsOnItsEngine() {
    assertThat(c.post("/containers/action", Map.of("action", "stop", "ids", "staging/bbb222")).statusCode()).isEqualTo(200);
    assertThat(staging.mutatingCalls()).containsExactly("stop bbb222");
    assertThat(c.post("/containers/action", Map.of("action", "stop", "ids", "aaa111")).statusCode()).isEqualTo(200);
    assertThat(prod.mutatingCalls()).containsExactly("stop aaa111");
    assertThat(staging.mutatingCalls()).hasSize(1);
  }
}
