package io.berth.bot.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.core.adapter.docker.DockerJavaEngine;
import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.BerthUser;
import io.berth.core.policy.AccessPolicy;
import io.berth.core.policy.GroupMemberships;
import io.berth.core.replica.SharedStore;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.TempDirs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A running Berth Slack surface for tests: real Bolt app behind {@link SlackHttpEndpoint} hosted
 * in a JDK HttpServer, a real CommandService over the real Docker engine (DockerJavaEngine) and
 * SQLite audit trail, the Web API and response_url on a stand-in.
 */
final class SlackFixture implements AutoCloseable {
  static final String SECRET = "test-signing-secret-" + UUID.randomUUID();
  static final String ADMIN = "UADMIN";
  static final String OPERATOR = "UOPER";
  static final String VIEWER = "UVIEW";

  final SlackStandIn slack;
  final Path auditFile;
  final SqliteAuditTrail audit;
  final DockerJavaEngine dockerEngine = new DockerJavaEngine("local", null);
  final CommandService commands;
  final SlackAdapter adapter;
  final HttpServer host;
  final HttpClient http = HttpClient.newHttpClient();
  final SlackSignature.Generator signer = new SlackSignature.Generator(SECRET);

  /** @param wrap decorates the real engine (e.g. to make pulls chatty); identity for none */
  SlackFixture(UnaryOperator<ContainerEngine> wrap, String mode, List<String> notifyChannels) throws Exception {
    this(wrap, mode, notifyChannels, Clock.systemUTC());
  }

  /** @param coreClock the core's clock (confirmation expiry); Slack's signature check keeps real time */
  SlackFixture(UnaryOperator<ContainerEngine> wrap, String mode, List<String> notifyChannels, Clock coreClock)
      throws Exception {
    this(wrap, mode, notifyChannels, coreClock, roles());
  }

  /** ADMIN, OPERATOR and VIEWER as ada (admin), otto (operator) and vic (viewer). */
  static AccessPolicy roles() {
    return new TablePolicy(Map.of(
        ADMIN, new BerthUser("ada", "admin"),
        OPERATOR, new BerthUser("otto", "operator"),
        VIEWER, new BerthUser("vic", "viewer")));
  }

  /** @param policy who may do what (e.g. a {@code ConfiguredPolicy} with scopes and channels) */
  SlackFixture(UnaryOperator<ContainerEngine> wrap, String mode, List<String> notifyChannels, Clock coreClock,
      AccessPolicy policy) throws Exception {
    this(wrap, mode, notifyChannels, coreClock, policy, GroupMemberships.none());
  }

  /** @param memberships the policy's group memberships, which the adapter keeps up to date */
  SlackFixture(UnaryOperator<ContainerEngine> wrap, String mode, List<String> notifyChannels, Clock coreClock,
      AccessPolicy policy, GroupMemberships memberships) throws Exception {
    this(wrap, mode, notifyChannels, coreClock, policy, memberships, null);
  }

  /** @param deliveries the store of deliveries handled, shared with other replicas (null: this Berth's own) */
  SlackFixture(UnaryOperator<ContainerEngine> wrap, String mode, List<String> notifyChannels, Clock coreClock,
      AccessPolicy policy, GroupMemberships memberships, SharedStore deliveries) throws Exception {
    auditFile = Files.createTempDirectory("berth-slack-audit").resolve("audit.db");
    audit = SqliteAuditTrail.open(auditFile);
    ContainerEngine engine = wrap.apply(dockerEngine);
    slack = new SlackStandIn();
    commands = new CommandService(new PicocliCommandLanguage(), policy, audit, engine, CoreLimits.DEFAULTS, coreClock);
    SlackOptions options = new SlackOptions(mode, "/docker", SECRET, "xoxb-test", "xapp-test", slack.apiUrl(), true,
        notifyChannels);
    adapter = deliveries == null
        ? SlackAdapter.create(options, commands, Clock.systemUTC(), Duration.ofMillis(200), memberships)
        : SlackAdapter.create(options, commands, Clock.systemUTC(), Duration.ofMillis(200), memberships, deliveries);
    host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    host.setExecutor(Executors.newFixedThreadPool(32));
    if (!options.socketMode()) host.createContext("/slack/events", this::serve);
    host.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + host.getAddress().getPort() + "/slack/events");
  }

  /** Hosts the framework-free endpoint the way the launcher's server would. */
  private void serve(HttpExchange ex) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach(headers::put);
    SlackHttpRequest req = new SlackHttpRequest(ex.getRequestMethod(), ex.getRequestURI().getPath(), Map.of(), headers,
        new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), ex.getRemoteAddress().getAddress().getHostAddress());
    SlackHttpResponse res = adapter.httpEndpoint().handle(req);
    res.headers().forEach((k, v) -> ex.getResponseHeaders().put(k, v));
    byte[] body = res.body().getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(res.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  /** A slash command as Slack sends it: form body with a fresh trigger_id and response_url. */
  String slashBody(String userId, String text, String responseUrl) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("token", "legacy");
    f.put("team_id", "T1");
    f.put("team_domain", "berth");
    f.put("channel_id", "C1");
    f.put("channel_name", "ops");
    f.put("user_id", userId);
    f.put("user_name", userId.toLowerCase());
    f.put("command", "/docker");
    f.put("text", text);
    f.put("api_app_id", "A1");
    f.put("response_url", responseUrl);
    f.put("trigger_id", UUID.randomUUID().toString());
    List<String> parts = new ArrayList<>();
    f.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return String.join("&", parts);
  }

  /** A block_actions payload for one pressed button. */
  String actionBody(String userId, String actionId, String value, String responseUrl) {
    return actionBody(userId, actionId, value, responseUrl, "C1");
  }

  /** A block_actions payload for one button pressed in {@code channel}. */
  String actionBody(String userId, String actionId, String value, String responseUrl, String channel) {
    ObjectNode p = SlackStandIn.JSON.createObjectNode();
    p.put("type", "block_actions");
    p.putObject("team").put("id", "T1").put("domain", "berth");
    p.putObject("user").put("id", userId).put("username", userId.toLowerCase()).put("name", userId.toLowerCase()).put("team_id", "T1");
    p.put("api_app_id", "A1");
    p.put("token", "legacy");
    p.putObject("container").put("type", "message").put("message_ts", "1.0001").put("channel_id", channel).put("is_ephemeral", false);
    p.put("trigger_id", UUID.randomUUID().toString());
    p.putObject("channel").put("id", channel).put("name", "ops");
    p.put("response_url", responseUrl);
    ObjectNode a = p.putArray("actions").addObject();
    a.put("action_id", actionId).put("block_id", "b1").put("value", value).put("type", "button")
        .put("action_ts", String.valueOf(System.currentTimeMillis() / 1000.0));
    a.putObject("text").put("type", "plain_text").put("text", "x");
    return "payload=" + URLEncoder.encode(p.toString(), StandardCharsets.UTF_8);
  }

  HttpResponse<String> postSigned(String body, Map<String, String> extraHeaders) throws IOException, InterruptedException {
    String ts = String.valueOf(System.currentTimeMillis() / 1000);
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Slack-Request-Timestamp", ts);
    h.put("X-Slack-Signature", signer.generate(ts, body));
    h.putAll(extraHeaders);
    return post(body, h);
  }

  /** An Events API delivery, signed, as Slack posts it (JSON). */
  HttpResponse<String> postEvent(String eventJson) throws IOException, InterruptedException {
    String body = "{\"token\":\"legacy\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\","
        + "\"event_id\":\"Ev" + UUID.randomUUID().toString().replace("-", "") + "\",\"event_time\":"
        + System.currentTimeMillis() / 1000 + ",\"event\":" + eventJson + "}";
    return postSigned(body, Map.of("Content-Type", "application/json"));
  }

  HttpResponse<String> post(String body, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::setHeader); // replaces the default Content-Type when a test names its own
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a signed slash command; returns its response_url. */
  String slash(String userId, String text) throws IOException, InterruptedException {
    String url = slack.newResponseUrl();
    HttpResponse<String> r = postSigned(slashBody(userId, text, url), Map.of());
    if (r.statusCode() != 200) throw new AssertionError("ack was " + r.statusCode() + ": " + r.body());
    return url;
  }

  /** Waits for the (first) post to a response_url. */
  SlackStandIn.Call answer(String responseUrl) throws InterruptedException {
    String path = URI.create(responseUrl).getPath();
    return slack.await(c -> c.path().equals(path), Duration.ofSeconds(60));
  }

  /** Every audit record, oldest first, as stored in the SQLite trail. */
  List<AuditEntry> auditEntries() {
    List<AuditEntry> out = new ArrayList<>(audit.query(AuditFilter.ALL, 100_000).stream().map(AuditRecord::entry).toList());
    java.util.Collections.reverse(out);
    return out;
  }

  long executions(String action, String textFragment) {
    return auditEntries().stream()
        .filter(e -> e.outcome() == io.berth.core.audit.AuditOutcome.REQUESTED && action.equals(e.action())
            && e.commandText() != null && e.commandText().contains(textFragment))
        .count();
  }

  @Override
  public void close() {
    adapter.close();
    host.stop(0);
    slack.close();
    audit.close();
    dockerEngine.close();
    TempDirs.deleteRecursively(auditFile.getParent());
  }

}
