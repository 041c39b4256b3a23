package io.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRecord;
import io.berth.core.config.WebSettings;
import io.berth.web.testing.ConsoleFixture;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.web.testing.WebClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console over HTTP with a fake engine: sign-in, sessions, CSRF, permissions, rendering, errors. */
class WebConsoleHttpTest {
  private RecordingContainerEngine engine;
  private ConsoleFixture fx;

  @BeforeEach
  void start() {
    engine = new RecordingContainerEngine()
        .with("aaa111", "web", "running", Map.of("team", "pay"))
        .with("bbb222", "db", "exited", Map.of())
        .with("ccc333", "vault", "running", Map.of("berth.protected", "true"))
        .withEnv("aaa111", "PATH=/bin", "SECRET=hunter2");
    fx = new ConsoleFixture(engine, ConsoleSettings.DEFAULTS.withLoginThrottle(
        new WebSettings.LoginThrottle(3, 20, Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1)))
        .withLogLinesKept(500).withSessionIdle(Duration.ofHours(1)));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void anonymousPageRequestIsSentToLogin() {
    HttpResponse<String> r = new WebClient(fx.base()).get("/containers");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/login");
  }

  @Test
  void signInSetsHttpOnlyStrictCookieAndShowsContainers() {
    WebClient c = new WebClient(fx.base());
    HttpResponse<String> r = c.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    assertThat(r.statusCode()).isEqualTo(303);
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
    HttpResponse<String> page = c.get("/containers");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<html").contains(">web<").contains(">db<");
  }

  @Test
  void wrongPasswordIsRefusedAndGivesNoSession() {
    WebClient c = new WebClient(fx.base());
    HttpResponse<String> r = c.login(ConsoleFixture.ADMIN, "wrong");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(r.body()).contains("Wrong login or password");
  }

  @Test
  void failedLoginsAreThrottledPerLoginEvenWithTheRightPasswordLater() {
    WebClient c = new WebClient(fx.base());
    for (int i = 0; i < 3; i++) assertThat(c.login(ConsoleFixture.ADMIN, "nope" + i).statusCode()).isEqualTo(401);
    HttpResponse<String> r = c.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.body()).contains("Too many failed attempts");
    // another login from the same address is not affected
    assertThat(new WebClient(fx.base()).login(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD).statusCode())
        .isEqualTo(303);
  }

  @Test
  void postWithoutCsrfTokenIsRefusedAndNothingRuns() {
    WebClient c = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    HttpResponse<String> r = c.post("/containers/action", Map.of("action", "stop", "ids", "aaa111"), false);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(engine.calls()).doesNotContain("stop aaa111");
  }

  @Test
  void postFromAnotherOriginIsRefused() throws Exception {
    WebClient c = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    var req = c.request("/containers/action")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-CSRF-Token", c.csrf())
        .header("Origin", "http://evil.example")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("action=stop&ids=aaa111")).build();
    assertThat(c.http().send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    assertThat(engine.calls()).doesNotContain("stop aaa111");
  }

  @Test
  void adminStopRunsThroughTheCoreAndIsAudited() {
    WebClient c = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    HttpResponse<String> r = c.post("/containers/action", Map.of("action", "stop", "ids", "aaa111"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Stopped web");
    assertThat(engine.calls()).contains("stop aaa111");
    List<AuditRecord> recs = fx.audit().query(new AuditFilter(null, null, "stop", null, AuditOutcome.SUCCEEDED, null,
        null, null, null), 10);
    assertThat(recs).anySatisfy(a -> {
      assertThat(a.entry().source().id()).isEqualTo("web");
      assertThat(a.entry().berthUser()).isEqualTo("ada");
      assertThat(a.entry().location()).contains("127.0.0.1");
    });
  }

  @Test
  void viewerSeesNoMutatingControlsAndIsRefusedWhenPostingDirectly() {
    WebClient c = signedIn(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD);
    String page = c.get("/containers").body();
    assertThat(page).doesNotContain("value=\"stop\"").doesNotContain("value=\"rm\"").doesNotContain("id=\"bulk\"")
        .doesNotContain("href=\"/run\"");
    HttpResponse<String> r = c.post("/containers/action", Map.of("action", "stop", "ids", "aaa111"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("Not allowed").contains("may not run stop");
    assertThat(engine.calls()).doesNotContain("stop aaa111");
  }

  @Test
  void removeAsksForConfirmationThenRunsOnConfirm() {
    WebClient c = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    HttpResponse<String> r = c.post("/containers/action", Map.of("action", "rm", "ids", "bbb222"));
    assertThat(r.body()).contains("confirm-dialog").contains("This will remove container db");
    assertThat(engine.calls()).doesNotContain("remove bbb222 force=false");
    String token = r.body().replaceAll("(?s).*name=\"token\" value=\"([^\"]+)\".*", "$1");
    HttpResponse<String> ok = c.post("/confirm", Map.of("token", token, "target", "#flash"));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("Removed db");
    assertThat(engine.calls()).contains("remove bbb222 force=false");
    // single use
    assertThat(c.post("/confirm", Map.of("token", token, "target", "#flash")).body()).contains("already used");
  }

  @Test
  void htmxRequestGetsAFragmentAndPlainRequestTheWholePage() {
    WebClient c = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    assertThat(c.getHtmx("/containers?state=running").body()).doesNotContain("<html").contains("id=\"containers\"")
        .contains(">web<").doesNotContain(">db<");
    assertThat(c.get("/containers").body()).contains("<html");
  }

  @Test
  void everyResponseCarriesSecurityHeaders() {
    HttpResponse<String> r = new WebClient(fx.base()).get("/login");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void unexpectedErrorShowsARequestIdAndNoStackTrace() {
    HttpResponse<String> r = new WebClient(fx.base()).get("/boom");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("request ").doesNotContain("kaboom").doesNotContain("IllegalStateException")
        .doesNotContain("at io.berth");
  }

  @Test
  void labelsAndNamesAreEscaped() {
    engine.with("ddd444", "x", "running", Map.of("evil", "<img src=x onerror=alert(1)>"));
    String page = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).get("/containers").body();
    assertThat(page).contains("evil=&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
  }

  @Test
  void containerPageMasksEnvironmentValuesUnlessTheRoleMayExec() {
    String viewers = signedIn(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD).get("/containers/aaa111").body();
    assertThat(viewers).contains("SECRET=***").doesNotContain("hunter2");
    // an admin may exec (and so read the environment with `exec env`): inspect shows it as docker does
    String admins = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).get("/containers/aaa111").body();
    assertThat(admins).contains("SECRET=hunter2");
  }

  @Test
  void commandBarRunsTheSharedLanguage() {
    WebClient c = signedIn(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD);
    HttpResponse<String> r = c.post("/command", Map.of("text", "ps -a"));
    assertThat(r.body()).contains("CONTAINER ID").contains("web").contains("db");
    HttpResponse<String> bad = c.post("/command", Map.of("text", "ps --nmae x"));
    assertThat(bad.body()).contains("Failed (usage)");
  }

  @Test
  void logoutEndsTheSession() {
    WebClient c = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    HttpResponse<String> r = c.post("/logout", Map.of());
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(c.get("/containers").statusCode()).isEqualTo(303);
  }

  @Test
  void auditExportStreamsCsvOfFilteredRecords() {
    WebClient c = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    c.post("/containers/action", Map.of("action", "stop", "ids", "aaa111"));
    HttpResponse<String> r = c.get("/audit/export?format=csv&action=stop");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
    assertThat(r.body()).contains("stop").contains("web").doesNotContain(",ps,");
  }

  @Test
  void runFormGoesThroughTheSameGuardsAsChat() {
    WebClient c = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    HttpResponse<String> denied = c.post("/run", Map.of("image", "img:1", "volumes", "/etc:/host-etc"));
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("bind mount of host path /etc");
    assertThat(engine.calls()).noneMatch(call -> call.startsWith("create"));
    HttpResponse<String> ok = c.post("/run", Map.of("image", "img:1", "name", "fresh", "env", "TOKEN=s3cret"));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("Started fresh");
    String fresh = engine.resolveContainer("fresh").id();
    assertThat(engine.calls()).contains("create img:1", "start " + fresh);
    String csv = c.get("/audit/export?format=csv&action=run").body();
    assertThat(csv).contains("TOKEN=").doesNotContain("s3cret");
  }

  @Test
  void imageFormsRefuseReferencesOutsideDockersGrammarBeforeAnyEngineCall() {
    WebClient c = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    HttpResponse<String> rmi = c.post("/images/rm", Map.of("image", "x/../../containers/aaa111"));
    assertThat(rmi.statusCode()).isEqualTo(400);
    assertThat(rmi.body()).contains("invalid reference format");
    HttpResponse<String> pull = c.post("/images/pull", Map.of("image", "UPPER/x"));
    assertThat(pull.statusCode()).isEqualTo(400);
    assertThat(pull.body()).contains("invalid reference format: repository name must be lowercase");
    HttpResponse<String> run = c.post("/run", Map.of("image", "a/../b"));
    assertThat(run.statusCode()).isEqualTo(400);
    assertThat(run.body()).contains("invalid reference format");
    assertThat(engine.calls()).noneMatch(call -> call.contains("..") || call.contains("UPPER"));
  }

  @Test
  void theAuditOutcomeFilterOffersEveryOutcomeTheTrailRecords() {
    WebClient c = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    String page = c.getHtmx("/audit?outcome=approved").body();
    for (AuditOutcome o : AuditOutcome.values()) assertThat(page).contains("<option value=\"" + o.id() + "\"");
    assertThat(page).containsPattern("<option value=\"approved\" selected");
  }

  @Test
  void auditPagesListCommandsWithAKeysetCursorThatNeverSplitsOne() {
    WebClient c = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    for (int i = 0; i < 60; i++) c.post("/containers/action", Map.of("action", "start", "ids", "bbb222"));
    String first = c.getHtmx("/audit?action=start").body();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("before=(\\d+)").matcher(first);
    assertThat(m.find()).isTrue();
    String cursor = m.group(1);
    String second = c.getHtmx("/audit?action=start&before=" + cursor).body();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (String page : List.of(first, second)) {
      java.util.regex.Matcher rows = java.util.regex.Pattern.compile("data-request=\"([^\"]+)\"").matcher(page);
      while (rows.find()) assertThat(ids.add(rows.group(1))).as("listed once: %s", rows.group(1)).isTrue();
    }
    // 60 commands of two records each: 50 commands on the first page, 10 older, each one row with both records
    assertThat(ids).hasSize(60);
    assertThat(second.split("<tr class=\"audit-command\"", -1)).hasSize(11);
    assertThat(second).contains("2 records").doesNotContain(">requested</span></td>");
  }

  private WebClient signedIn(String login, String password) {
    WebClient c = new WebClient(fx.base());
    assertThat(c.login(login, password).statusCode()).isEqualTo(303);
    assertThat(c.csrf()).isNotBlank();
    return c;
  }
}
