package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.TestFleet;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's Swarm: {@code deploy/stack.yml} deployed on the fleet's Swarm (three dockerds in network namespaces,
 * {@link TestFleet}) with two Berth replicas and PostgreSQL, from the images {@code scripts/image.sh} builds
 * ({@code berth:local}, {@code berth-postgres:local}; built here when missing). Both replicas get healthy and exactly
 * one leads; the same signed Slack delivery sent to both runs once; the node running the leader is lost (its link,
 * engine and containers, {@link TestFleet#crash}) and the other replica leads within 30 s; alerts for containers
 * dying before, during and after that takeover each reach Slack exactly once.
 *
 * <p>The stack file is used as written except what this machine forces or the test must vary, each replaced as
 * text (the replacement fails loudly if the file changed): the console's port is published in {@code host} mode
 * (this kernel has no IPVS, so neither the routing mesh nor a VIP works; tasks reach each other on the overlay by
 * their own addresses); Berth runs on the workers only (the manager holds the database: losing the leader's node
 * must leave it); every replica's engine is the manager's socket (on real hosts each node's
 * {@code /var/run/docker.sock}; here all nodes share one filesystem, and alerts need an engine both replicas see);
 * the configuration adds Slack (a local stand-in of its Web API on the fleet's bridge, secrets as Swarm secrets),
 * a Slack user (an admin: `run` needs it) and alerts.
 */
class SwarmStackIT {
  /** Berth's image as this checkout builds it, under a name of the run's own: a berth:local from older code would pass for it. */
  static final TestEngine OWN = new TestEngine("swarm-stack"); // its close() removes the tags of this run's build
  static final String BERTH_REPOSITORY = OWN.name("berth");
  static final String BERTH_IMAGE = BERTH_REPOSITORY + ":local";
  static final String PG_IMAGE = System.getProperty("berth.pg.image", "berth-postgres:local");
  static final String BUSYBOX = "berth-test/busybox:latest";
  static final String OPERATOR = "UOTTO"; // the Slack user (an admin)
  static final String ALERTS = "CALERTS";
  static final int PORT = 18080;
  static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  static TestFleet fleet;
  static SlackWebApi slack;
  static Path work;
  static String stack;
  static String signingSecret;
  static Duration deployToHealthy;

  @BeforeAll
  static void deployTheStack() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent(); // failsafe runs in app/
    try (CleanCloneImage built = CleanCloneImage.build(BERTH_REPOSITORY)) {
      assertThat(built.image).isEqualTo(BERTH_IMAGE);
    }
    // the database image holds no Berth code: built when missing (its inputs are Debian's packages and start.sh)
    if (run(root, Map.of(), Duration.ofMinutes(1), "docker", "image", "inspect", PG_IMAGE).exit() != 0) {
      ok(run(root, Map.of(), Duration.ofMinutes(25), "scripts/image.sh", "postgres"), "building " + PG_IMAGE);
    }
    work = Files.createTempDirectory("berth-swarm-it-");
    stack = "bst" + UUID.randomUUID().toString().substring(0, 6);
    fleet = TestFleet.start();
    TestFleet.Node manager = fleet.manager();
    // the images, as a person would copy them to the nodes: Berth to the workers, the database to the manager
    Map<String, List<TestFleet.Node>> copies = Map.of(BERTH_IMAGE, fleet.workers(), PG_IMAGE, List.of(manager));
    for (var copy : copies.entrySet()) {
      Path tar = work.resolve(copy.getKey().replaceAll("[^a-z0-9]", "_") + ".tar");
      ok(run(work, Map.of(), Duration.ofMinutes(3), "docker", "save", "-o", tar.toString(), copy.getKey()), "docker save");
      for (TestFleet.Node n : copy.getValue()) fleet.dockerOk(n, "load", "-q", "-i", tar.toString());
      Files.delete(tar);
    }

    slack = new SlackWebApi(bridgeAddress());
    signingSecret = "swarm-it-" + UUID.randomUUID();
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("berth_pg_password", UUID.randomUUID().toString());
    KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
    secrets.put("berth_audit_signing_key", Base64.getEncoder().encodeToString(ed.generateKeyPair().getPrivate().getEncoded()));
    secrets.put("berth_slack_signing_secret", signingSecret);
    secrets.put("berth_slack_bot_token", "xoxb-swarm-it");
    for (var s : secrets.entrySet()) {
      Path f = work.resolve(s.getKey());
      Files.writeString(f, s.getValue());
      fleet.dockerOk(manager, "secret", "create", s.getKey(), f.toString());
      Files.delete(f);
    }
    String managerId = fleet.dockerOk(manager, "info", "--format", "{{.Swarm.NodeID}}");
    fleet.dockerOk(manager, "node", "update", "--label-add", "berth.db=true", managerId);

    Path config = work.resolve("berth-swarm.yml");
    Files.writeString(config, Files.readString(root.resolve("deploy/berth-swarm.yml")) + testConfiguration());
    Path stackFile = work.resolve("stack.yml");
    Files.writeString(stackFile, testVariant(Files.readString(root.resolve("deploy/stack.yml")), manager, config));
    String socketGroup = String.valueOf(Files.getAttribute(manager.socket(), "unix:gid"));

    long t0 = System.nanoTime();
    ok(run(work, Map.of("DOCKER_GID", socketGroup, "BERTH_IMAGE", BERTH_IMAGE, "BERTH_PG_IMAGE", PG_IMAGE),
        Duration.ofMinutes(2), "docker", "-H", manager.unixHost(), "stack", "deploy", "--resolve-image", "never",
        "-c", stackFile.toString(), stack), "stack deploy");
    awaitHealthy(Duration.ofSeconds(150));
    deployToHealthy = Duration.ofNanos(System.nanoTime() - t0);
    System.out.printf("[measure] stack deploy to both replicas healthy (Swarm's health check and /healthz): %.1f s%n",
        deployToHealthy.toMillis() / 1000.0);
  }

  @AfterAll
  static void removeTheStack() throws Exception {
    try {
      if (fleet != null) {
        if (stack != null) fleet.docker(fleet.manager(), "stack", "rm", stack);
        fleet.close(); // the images, secrets, volumes and services die with the fleet's engines
      }
    } finally {
      OWN.close(); // every tag this run's build made (…:local and :VERSION)
      if (slack != null) slack.close();
      if (work != null) {
        try (Stream<Path> files = Files.walk(work)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  void oneLeaderTakesOverWithinThirtySecondsAndEveryAlertAndDeliveryHappensOnce() throws Exception {
    List<TestFleet.Node> workers = fleet.workers();
    TestFleet.Node leader = awaitOneLeader(workers, Duration.ofSeconds(30));
    TestFleet.Node follower = workers.get(0).equals(leader) ? workers.get(1) : workers.get(0);

    // the same signed delivery to both replicas at once (a retry landing on the other one): it runs once
    String name = stack + "-once";
    String responseUrl = slack.newResponseUrl();
    String body = slashBody("run --rm -l berth.test=true --name " + name + " " + BUSYBOX + " echo once", responseUrl);
    String ts = String.valueOf(System.currentTimeMillis() / 1000); // one request, as Slack retries it: same time, same signature
    List<CompletableFuture<HttpResponse<String>>> both = new ArrayList<>();
    for (TestFleet.Node n : workers) {
      both.add(http.sendAsync(SlackForms.signedPost(URI.create(base(n) + "/slack/events"), signingSecret, ts, body)
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (var r : both) assertThat(r.get(60, TimeUnit.SECONDS).statusCode()).as("Slack's ack").isEqualTo(200);
    slack.await(c -> c.path().equals(URI.create(responseUrl).getPath()) && c.body().contains("once"), Duration.ofSeconds(60));
    // a later command answered on each replica: a second run of the first would have answered by then
    for (TestFleet.Node n : workers) {
      String later = slack.newResponseUrl();
      postSigned(n, slashBody("ps -a", later));
      slack.await(c -> c.path().equals(URI.create(later).getPath()), Duration.ofSeconds(60));
    }
    assertThat(slack.calls(URI.create(responseUrl).getPath())).as("one response to the delivery").hasSize(1);
    assertThat(auditedCommands(follower, name)).as("one audited command for the delivery").isEqualTo(1);

    // an alert while the first leader leads
    String before = dyingContainer("before");
    slack.await(alertAbout(before), Duration.ofSeconds(60));

    // the leader's node is lost; a container dies while no one leads, another once the other replica leads
    long t0 = System.nanoTime();
    fleet.crash(leader);
    String during = dyingContainer("during");
    Duration takeover = awaitLeader(follower, TAKEOVER_LIMIT.plusSeconds(30), t0);
    System.out.printf("[measure] leader's node lost -> %s leads after %.1f s%n", follower.name(), takeover.toMillis() / 1000.0);
    assertThat(takeover).as("takeover").isLessThan(TAKEOVER_LIMIT);
    String after = dyingContainer("after");

    slack.await(alertAbout(during), Duration.ofSeconds(60));
    slack.await(alertAbout(after), Duration.ofSeconds(60));
    Thread.sleep(5000); // a doubled alert would come from a replay just behind the first
    for (String c : List.of(before, during, after)) {
      assertThat(slack.calls("chat.postMessage").stream().filter(alertAbout(c)).count())
          .as("alerts about %s (all posts: %s)", c, slack.summary()).isEqualTo(1);
    }
  }

  /** A container on the manager (whose engine both replicas watch) that exits 3: one "died" alert. */
  static String dyingContainer(String when) throws Exception {
    String name = stack + "-" + when;
    fleet.dockerOk(fleet.manager(), "run", "-d", "--label", "berth.test=true", "--name", name, BUSYBOX, "sh", "-c", "exit 3");
    return name;
  }

  static java.util.function.Predicate<SlackWebApi.Call> alertAbout(String container) {
    return c -> c.method().equals("chat.postMessage") && ALERTS.equals(c.params().get("channel"))
        && c.body().contains(container);
  }

  /** Commands in the shared audit naming {@code marker}, as {@code audit export} in a replica's container counts them. */
  static long auditedCommands(TestFleet.Node node, String marker) throws Exception {
    String out = fleet.dockerOk(node, "exec", berthContainer(node), "/opt/berth/java/bin/java", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-jar", "/opt/berth/berth.jar", "audit", "export", "--format", "jsonl", "--text", marker);
    return out.lines().filter(l -> l.contains(marker) && l.contains("\"source\":\"slack\"")).count();
  }

  static String berthContainer(TestFleet.Node node) throws Exception {
    String id = fleet.dockerOk(node, "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + stack + "_berth");
    assertThat(id).as("a Berth task on " + node.name()).isNotBlank();
    return id.lines().findFirst().orElseThrow();
  }

  /** Both workers answer /healthz 200 and Swarm's own health check (the image's) says healthy. */
  static void awaitHealthy(Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (TestFleet.Node n : fleet.workers()) {
        Optional<HttpResponse<String>> h = health(n);
        String status = fleet.docker(n, "ps", "--filter", "label=com.docker.swarm.service.name=" + stack + "_berth",
            "--format", "{{.Status}}").output();
        all &= h.isPresent() && h.get().statusCode() == 200 && status.contains("(healthy)");
      }
      if (all) return;
      Thread.sleep(500);
    }
    throw new AssertionError("the replicas were not healthy within " + limit + ":\n"
        + fleet.docker(fleet.manager(), "stack", "ps", "--no-trunc", stack).output() + "\n" + serviceLogs());
  }

  static TestFleet.Node awaitOneLeader(List<TestFleet.Node> nodes, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    List<TestFleet.Node> leaders = List.of();
    while (System.nanoTime() < deadline) {
      leaders = new ArrayList<>();
      int answered = 0;
      for (TestFleet.Node n : nodes) {
        Optional<HttpResponse<String>> h = health(n);
        if (h.isEmpty()) continue;
        answered++;
        if (h.get().body().contains("\"leader\":true")) leaders.add(n);
      }
      if (answered == nodes.size() && leaders.size() == 1) return leaders.get(0);
      Thread.sleep(200);
    }
    throw new AssertionError("not exactly one leader within " + limit + ": " + leaders + "\n" + serviceLogs());
  }

  /** Polls {@code node}'s /healthz until it says it leads; returns the time since {@code t0}. */
  static Duration awaitLeader(TestFleet.Node node, Duration limit, long t0) throws Exception {
    long deadline = t0 + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<HttpResponse<String>> h = health(node);
      if (h.isPresent() && h.get().body().contains("\"leader\":true")) return Duration.ofNanos(System.nanoTime() - t0);
      Thread.sleep(100);
    }
    throw new AssertionError(node.name() + " did not lead within " + limit + "\n" + serviceLogs());
  }

  static Optional<HttpResponse<String>> health(TestFleet.Node n) throws InterruptedException {
    try {
      return Optional.of(http.send(HttpRequest.newBuilder(URI.create(base(n) + "/healthz")).timeout(Duration.ofSeconds(3))
          .GET().build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException notAnswering) {
      return Optional.empty();
    }
  }

  static String base(TestFleet.Node n) {
    return "http://" + n.address() + ":" + PORT;
  }

  static String serviceLogs() throws Exception {
    String logs = fleet.docker(fleet.manager(), "service", "logs", "--tail", "40", stack + "_berth").output();
    return logs.length() > 8000 ? logs.substring(logs.length() - 8000) : logs;
  }

  static void postSigned(TestFleet.Node n, String body) throws Exception {
    HttpResponse<String> r = http.send(SlackForms.signedPost(URI.create(base(n) + "/slack/events"), signingSecret, body)
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /** A slash command as Slack posts it (form body, a fresh trigger id), from that user in #ops. */
  static String slashBody(String text, String responseUrl) {
    return SlackForms.slashCommand(OPERATOR, "otto", text, responseUrl);
  }

  /** What the test adds to deploy/berth-swarm.yml: Slack through the stand-in, its user (admin: run is theirs), alerts. */
  static String testConfiguration() {
    return """

        # --- SwarmStackIT ---
        slack:
          enabled: true
          mode: http
          signingSecret: { file: /run/secrets/berth_slack_signing_secret }
          botToken: { file: /run/secrets/berth_slack_bot_token }
          apiUrl: %s
          notifyChannels: [%s]
        notify:
          events: [die]
          maxPerMinute: 60
        policy:
          users:
            local: { role: admin, identities: { cli: ["*"] } }
            otto: { role: admin, identities: { slack: [%s] } }
        """.formatted(slack.apiUrl(), ALERTS, OPERATOR);
  }

  /** deploy/stack.yml with what this machine forces and the test varies (see the class comment), each replaced once. */
  static String testVariant(String stackYml, TestFleet.Node manager, Path config) {
    String s = stackYml;
    s = replaceOnce(s, "      - \"${BERTH_PORT:-8080}:8080\"",
        "      - { target: 8080, published: " + PORT + ", mode: host }");
    s = replaceOnce(s, "      - /var/run/docker.sock:/var/run/docker.sock", "      - " + manager.socket() + ":/var/run/docker.sock");
    s = replaceOnce(s, "        max_replicas_per_node: 1",
        "        max_replicas_per_node: 1\n        constraints: [node.role == worker]");
    s = replaceOnce(s, "      # chat secrets the same way",
        "      - { source: berth_slack_signing_secret, uid: \"10001\", mode: 0400 }\n"
            + "      - { source: berth_slack_bot_token, uid: \"10001\", mode: 0400 }\n      # chat secrets the same way");
    s = replaceOnce(s, "  berth_audit_signing_key:\n    external: true",
        "  berth_audit_signing_key:\n    external: true\n  berth_slack_signing_secret:\n    external: true\n"
            + "  berth_slack_bot_token:\n    external: true");
    return replaceOnce(s, "    file: ./berth-swarm.yml", "    file: " + config);
  }

  static String replaceOnce(String text, String what, String with) {
    int at = text.indexOf(what);
    if (at < 0 || text.indexOf(what, at + 1) >= 0) {
      throw new AssertionError("deploy/stack.yml changed: expected exactly one '" + what + "'");
    }
    return text.substring(0, at) + with + text.substring(at + what.length());
  }

  /** The root namespace's address on the fleet's bridge: what the replicas' containers reach (through NAT). */
  static String bridgeAddress() {
    return fleet.manager().address().replaceAll("\\.\\d+$", ".1");
  }

  record Result(int exit, String output) {}

  static Result run(Path dir, Map<String, String> env, Duration timeout, String... command) throws Exception {
    Path out = Files.createTempFile("berth-swarm-it-", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + timeout + ":\n" + Files.readString(out));
      }
      return new Result(p.exitValue(), Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  static void ok(Result r, String what) {
    if (r.exit() != 0) throw new AssertionError(what + " failed (exit " + r.exit() + "):\n" + r.output());
  }

  /**
   * The part of Slack's Web API Berth calls here ({@code auth.test}, {@code chat.postMessage}, …: any method answers
   * ok) and the response URLs, on the fleet's bridge so the replicas' containers reach it. Records every call.
   */
  static final class SlackWebApi implements AutoCloseable {
    record Call(String path, Map<String, String> params, String body) {
      String method() {
        return path.startsWith("/api/") ? path.substring(5) : path;
      }
    }

    private final HttpServer server;
    private final String host;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final SecureRandom ids = new SecureRandom();

    SlackWebApi(String address) throws IOException {
      host = address;
      server = HttpServer.create(new InetSocketAddress(address, 0), 0);
      server.createContext("/", this::handle);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.start();
    }

    String base() {
      return "http://" + host + ":" + server.getAddress().getPort();
    }

    String apiUrl() {
      return base() + "/api/";
    }

    String newResponseUrl() {
      return base() + "/response/" + HexFormat.of().formatHex(ids.generateSeed(8));
    }

    List<Call> calls(String pathOrMethod) {
      return calls.stream().filter(c -> c.path().equals(pathOrMethod) || c.method().equals(pathOrMethod)).toList();
    }

    void await(java.util.function.Predicate<Call> match, Duration timeout) throws InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < end) {
        if (calls.stream().anyMatch(match)) return;
        Thread.sleep(50);
      }
      throw new AssertionError("no matching Slack call within " + timeout + "; calls:\n" + summary());
    }

    String summary() {
      StringBuilder sb = new StringBuilder();
      for (Call c : calls) sb.append(c.path()).append(' ').append(c.body(), 0, Math.min(300, c.body().length())).append('\n');
      return sb.toString();
    }

    private void handle(HttpExchange ex) throws IOException {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> params = new LinkedHashMap<>();
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      boolean form = type != null && type.startsWith("application/x-www-form-urlencoded");
      if (form) {
        for (String pair : body.split("&")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
          }
        }
      }
      // a form's values as text (what a test looks for in them), a JSON body (response URLs) as it came
      Call call = new Call(ex.getRequestURI().getPath(), params, form ? String.join("\n", params.values()) : body);
      calls.add(call);
      String answer = switch (call.method()) {
        case "auth.test" -> "{\"ok\":true,\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}";
        case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + params.getOrDefault("channel", "") + "\",\"ts\":\""
            + System.nanoTime() + ".0001\"}";
        default -> call.path().startsWith("/response/") ? "ok" : "{\"ok\":true}";
      };
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", answer.startsWith("{") ? "application/json" : "text/plain");
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
