package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.bot.slack.SlackAdapter;
import io.berth.bot.slack.SlackHttpRequest;
import io.berth.bot.slack.SlackHttpResponse;
import io.berth.bot.slack.SlackOptions;
import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRecord;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.web.ConsoleSettings;
import io.berth.web.WebConsole;
import io.berth.web.WebServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-person rule across surfaces, through the real Bolt app (signed HTTP requests, Web API
 * calls to a Slack stand-in) and the real Javalin console (login, CSRF, the Approvals page), over
 * one core and its SQLite audit trail: asked in Slack, refused to its requester, approved in the
 * console, run once, and the Slack messages edited to say how it ended.
 */
class ApprovalAcrossSurfacesIT {
  static final String SECRET = "approvals-it-secret-" + UUID.randomUUID();
  static final String PASSWORD = "approve horse battery";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "prod-web", "running", Map.of("env", "prod"));
  final List<Call> slackCalls = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  SqliteAuditTrail audit;
  CommandService commands;
  HttpServer slackStandIn;
  HttpServer slackHost;
  SlackAdapter slack;
  WebConsole console;
  WebServer web;

  record Call(String path, String body) {
    Map<String, String> form() {
      Map<String, String> m = new LinkedHashMap<>();
      for (String kv : body.split("&")) {
        String[] p = kv.split("=", 2);
        if (p.length == 2) m.put(p[0], java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8));
      }
      return m;
    }
  }

  @BeforeEach
  void start() throws Exception {
    String hash = BCrypt.withDefaults().hashToString(10, PASSWORD.toCharArray());
    ConfiguredPolicy policy = new ConfiguredPolicy(ConfigLoader.parse("""
        policy:
          users:
            otto: { role: operator, identities: { slack: [U_OTTO] } }
            ada:  { role: admin, identities: { web: { login: ada, passwordHash: "%s" } } }
          approvals:
            channels: { slack: [C_APPROVE] }
            rules:
              prod:
                commands: [restart]
                containers: { labels: { env: prod } }
                approvers: [admin]
                ttl: 15m
        """.formatted(hash), Map.of()).policy());
    audit = SqliteAuditTrail.open(dir.resolve("audit.db"));
    commands = new CommandService(new PicocliCommandLanguage(), policy, audit, engine, CoreLimits.DEFAULTS, Clock.systemUTC());

    slackStandIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slackStandIn.createContext("/", this::standIn);
    slackStandIn.start();
    String base = "http://127.0.0.1:" + slackStandIn.getAddress().getPort();
    slack = SlackAdapter.create(new SlackOptions("http", "/docker", SECRET, "xoxb-test", "xapp-test", base + "/api/", true,
        List.of()), commands, Clock.systemUTC(), Duration.ofMillis(200));
    slack.watchApprovals(List.of("C_APPROVE"));
    slackHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slackHost.createContext("/slack/events", this::hostSlack);
    slackHost.start();

    console = new WebConsole(commands, (login, pw) -> policy.webAccounts().verify(login, pw).isPresent(),
        ConsoleSettings.DEFAULTS, Clock.systemUTC(), Duration.ofMillis(500));
    web = WebServer.start("127.0.0.1", 0, console, cfg -> { });
  }

  @AfterEach
  void stop() {
    if (web != null) web.close();
    if (console != null) console.close();
    if (slack != null) slack.close();
    if (slackHost != null) slackHost.stop(0);
    if (slackStandIn != null) slackStandIn.stop(0);
    if (audit != null) audit.close();
  }

  @Test
  void askedInSlackRefusedToItsRequesterApprovedInTheConsoleRunsOnceAndSlackSaysSo() throws Exception {
    // 1. otto asks in Slack; the core holds it, Slack posts it with Approve/Reject in the asking and approval channels
    String askUrl = responseUrl();
    assertThat(postSigned(slashBody("U_OTTO", "restart prod-web", askUrl)).statusCode()).isEqualTo(200);
    Call ack = await(c -> c.path().equals(URI.create(askUrl).getPath()));
    assertThat(ack.body()).contains("Held for approval").contains("ephemeral");
    Call inAsking = await(c -> c.path().endsWith("chat.postMessage") && "C1".equals(c.form().get("channel")));
    Call inApprovals = await(c -> c.path().endsWith("chat.postMessage") && "C_APPROVE".equals(c.form().get("channel")));
    String requestId = approveValue(inAsking);
    assertThat(approveValue(inApprovals)).isEqualTo(requestId);
    assertThat(engine.mutatingCalls()).isEmpty();

    // 2. otto presses Approve on his own request: refused, told only to him, nothing runs
    String selfUrl = responseUrl();
    postSigned(actionBody("U_OTTO", "berth_approve", requestId, selfUrl));
    Call refused = await(c -> c.path().equals(URI.create(selfUrl).getPath()));
    assertThat(refused.body()).contains("otto asked for this and cannot approve it").contains("ephemeral");
    assertThat(engine.mutatingCalls()).isEmpty();

    // 3. ada signs in to the console: the Approvals page lists it with Approve; she approves it
    String[] session = login("ada", PASSWORD);
    HttpResponse<String> page = get("/approvals", session);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("restart prod-web").contains("/approvals/" + requestId + "/approve");
    HttpResponse<String> approved = post("/approvals/" + requestId + "/approve", session);
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(approved.body()).contains("Restarted prod-web");
    assertThat(engine.mutatingCalls()).containsExactly("restart aaa111");

    // 4. a second press (late, or a second tab) changes nothing
    HttpResponse<String> again = post("/approvals/" + requestId + "/approve", session);
    assertThat(again.statusCode()).isEqualTo(422);
    assertThat(again.body()).contains("was approved and ran");
    assertThat(engine.mutatingCalls()).hasSize(1);
    assertThat(get("/approvals", session).body()).doesNotContain(requestId);

    // 5. the audit tells the whole story under one request id: asked in Slack, refused, approved on the web, run once
    List<AuditEntry> story = new ArrayList<>(audit.query(AuditFilter.ALL, 1000).stream().map(AuditRecord::entry)
        .filter(e -> e.requestId().equals(requestId)).toList());
    java.util.Collections.reverse(story);
    assertThat(story).extracting(AuditEntry::outcome).containsExactly(AuditOutcome.APPROVAL_REQUESTED,
        AuditOutcome.DENIED, AuditOutcome.APPROVED, AuditOutcome.REQUESTED, AuditOutcome.SUCCEEDED,
        AuditOutcome.DENIED);
    assertThat(story.get(0).source().id()).isEqualTo("slack");
    assertThat(story.get(2).source().id()).isEqualTo("web");
    assertThat(story.get(2).berthUser()).isEqualTo("ada");
    assertThat(story.get(3).berthUser()).isEqualTo("otto");
    assertThat(story).filteredOn(e -> e.outcome() == AuditOutcome.REQUESTED).hasSize(1);

    // 6. both Slack messages are edited to say how it ended, and lose their buttons
    for (String channel : List.of("C1", "C_APPROVE")) {
      Call edit = await(c -> c.path().endsWith("chat.update") && channel.equals(c.form().get("channel"))
          && c.form().getOrDefault("blocks", "").contains("ran (succeeded)"));
      assertThat(edit.form().get("blocks")).doesNotContain("berth_approve");
    }
  }

  // ---- Slack ----

  private void standIn(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = ex.getRequestURI().getPath();
    slackCalls.add(new Call(path, body));
    String answer = path.endsWith("chat.postMessage") || path.endsWith("chat.update")
        ? "{\"ok\":true,\"channel\":\"C\",\"ts\":\"" + System.nanoTime() + ".0001\"}" : "{\"ok\":true}";
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  private void hostSlack(HttpExchange ex) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach(headers::put);
    SlackHttpResponse res = slack.httpEndpoint().handle(new SlackHttpRequest(ex.getRequestMethod(),
        ex.getRequestURI().getPath(), Map.of(), headers,
        new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), "127.0.0.1"));
    res.headers().forEach((k, v) -> ex.getResponseHeaders().put(k, v));
    byte[] body = res.body().getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(res.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  private String responseUrl() {
    return "http://127.0.0.1:" + slackStandIn.getAddress().getPort() + "/response/" + UUID.randomUUID();
  }

  private Call await(Predicate<Call> p) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end) {
      for (Call c : slackCalls) if (p.test(c)) return c;
      Thread.sleep(20);
    }
    throw new AssertionError("no such Slack call; calls were: " + slackCalls);
  }

  private static String approveValue(Call post) throws IOException {
    for (JsonNode block : JSON.readTree(post.form().get("blocks"))) {
      for (JsonNode el : block.path("elements")) {
        if (el.path("action_id").asText().equals("berth_approve")) return el.path("value").asText();
      }
    }
    throw new AssertionError("no Approve button in " + post.body());
  }

  private HttpResponse<String> postSigned(String body) throws Exception {
    return http.send(SlackForms.signedPost(URI.create("http://127.0.0.1:" + slackHost.getAddress().getPort() + "/slack/events"),
        SECRET, body).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String slashBody(String user, String text, String responseUrl) {
    return SlackForms.slashCommand(user, user.toLowerCase(), text, responseUrl);
  }

  private static String actionBody(String user, String actionId, String value, String responseUrl) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "block_actions");
    p.putObject("team").put("id", "T1").put("domain", "berth");
    p.putObject("user").put("id", user).put("username", user.toLowerCase()).put("team_id", "T1");
    p.put("api_app_id", "A1");
    p.putObject("container").put("type", "message").put("message_ts", "1.0001").put("channel_id", "C_APPROVE");
    p.put("trigger_id", UUID.randomUUID().toString());
    p.putObject("channel").put("id", "C_APPROVE").put("name", "approvals");
    p.put("response_url", responseUrl);
    ObjectNode a = p.putArray("actions").addObject();
    a.put("action_id", actionId).put("block_id", "b1").put("value", value).put("type", "button")
        .put("action_ts", String.valueOf(System.currentTimeMillis() / 1000.0));
    a.putObject("text").put("type", "plain_text").put("text", "Approve");
    return "payload=" + URLEncoder.encode(p.toString(), StandardCharsets.UTF_8);
  }

  // ---- console ----

  private String consoleUrl(String path) {
    return "http://127.0.0.1:" + web.port() + path;
  }

  /** Signs in; returns {cookie, csrf}. */
  private String[] login(String login, String password) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(consoleUrl("/login")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("login=" + login + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(303);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/approvals", new String[] {cookie, ""}).body());
    assertThat(m.find()).isTrue();
    return new String[] {cookie, m.group(1)};
  }

  private HttpResponse<String> get(String path, String[] session) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(consoleUrl(path))).header("Cookie", session[0]).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String[] session) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(consoleUrl(path))).header("Cookie", session[0])
        .header("X-CSRF-Token", session[1]).header("HX-Request", "true")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
  }
}
