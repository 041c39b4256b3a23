package io.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.web.testing.ConsoleFixture;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.web.testing.WebClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console keeps secrets out of its pages, lets only the requester confirm, and shows a scoped
 * user no audit record about a container outside the scope (admin "sid" is scoped to pay-*).
 */
class ConsoleScopeAndSecretsTest {
  private RecordingContainerEngine engine;
  private ConsoleFixture fx;

  @BeforeEach
  void start() {
    engine = new RecordingContainerEngine()
        .with("aaa111", "pay-web", "running", Map.of())
        .with("bbb222", "ops-vault-x", "exited", Map.of());
    fx = new ConsoleFixture(engine);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void theCommandBarAndTheAuditNeverShowAnEnvSecret() {
    String secret = "s3cr3t-" + UUID.randomUUID();
    WebClient ada = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);

    HttpResponse<String> r = ada.post("/command",
        Map.of("text", "run -d -e PASSWORD=" + secret + " --name pay-new localhost:5000/app"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(engine.calls()).contains("create localhost:5000/app");
    assertThat(r.body()).contains("PASSWORD=***").doesNotContain(secret);
    assertThat(ada.get("/audit").body()).contains("PASSWORD=***").doesNotContain(secret);
    assertThat(ada.get("/audit/export?format=csv").body()).doesNotContain(secret);
    assertThat(ada.get("/audit/export?format=jsonl").body()).doesNotContain(secret);
  }

  @Test
  void anotherLoginCannotConfirmAndTheTokenStillWorksForTheRequester() {
    WebClient ada = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    WebClient sid = signedIn(ConsoleFixture.SCOPED, ConsoleFixture.SCOPED_PASSWORD);
    HttpResponse<String> prompt = ada.post("/containers/action", Map.of("action", "rm", "ids", "bbb222"));
    String token = prompt.body().replaceAll("(?s).*name=\"token\" value=\"([^\"]+)\".*", "$1");

    HttpResponse<String> bySid = sid.post("/confirm", Map.of("token", token, "target", "#flash"));

    assertThat(bySid.body()).contains("Only ada, who asked for it, can confirm this");
    assertThat(engine.calls()).doesNotContain("remove bbb222 force=false");
    HttpResponse<String> byAda = ada.post("/confirm", Map.of("token", token, "target", "#flash"));
    assertThat(byAda.body()).contains("Removed ops-vault-x");
    assertThat(engine.calls()).contains("remove bbb222 force=false");
  }

  @Test
  void aScopedUsersAuditPageAndExportsNameNoContainerOutsideTheScope() {
    WebClient ada = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    ada.post("/command", Map.of("text", "stop pay-web"));
    ada.post("/command", Map.of("text", "stop ops-vault-x"));
    ada.post("/command", Map.of("text", "inspect ops-vault-x"));
    WebClient sid = signedIn(ConsoleFixture.SCOPED, ConsoleFixture.SCOPED_PASSWORD);

    for (String path : new String[] {"/audit", "/audit/export?format=csv", "/audit/export?format=jsonl"}) {
      HttpResponse<String> forSid = sid.get(path);
      assertThat(forSid.statusCode()).as(path).isEqualTo(200);
      assertThat(forSid.body()).as(path).contains("stop pay-web").doesNotContain("ops-vault-x");
      assertThat(ada.get(path).body()).as(path).contains("stop pay-web").contains("ops-vault-x");
    }
  }

  private WebClient signedIn(String login, String password) {
    WebClient c = new WebClient(fx.base());
    assertThat(c.login(login, password).statusCode()).isEqualTo(303);
    return c;
  }
}
