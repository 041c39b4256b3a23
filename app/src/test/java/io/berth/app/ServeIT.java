package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./berth serve} as a user starts it: the packaged jar in its own process, with Slack in HTTP
 * mode pointed at a local stand-in for Slack's Web API and response_url. Proves the launcher wires
 * /healthz, the console and the real Bolt app on Berth's own server.
 */
class ServeIT {
  static final String SECRET = "serve-it-signing-secret";
  @TempDir static Path dir;
  static Process berth;
  static int port;
  static HttpServer slackStandIn;
  static final List<String> responses = new CopyOnWriteArrayList<>();
  static final List<String> output = new CopyOnWriteArrayList<>();
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startBerth() throws Exception {
    slackStandIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slackStandIn.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = ex.getRequestURI().getPath();
      String answer = "{\"ok\":true}";
      if (path.startsWith("/response/")) responses.add(body);
      if (path.endsWith("auth.test")) {
        answer = "{\"ok\":true,\"url\":\"https://berth.example/\",\"team\":\"Berth\",\"user\":\"berth\","
            + "\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}";
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
    slackStandIn.start();

    Path config = dir.resolve("berth.yml");
    Files.writeString(config, String.join("\n",
        "server: { host: 127.0.0.1, port: 0 }",
        "data: { dir: " + dir.resolve("data") + " }",
        "policy:",
        "  users:",
        "    ada: { role: admin, identities: { slack: [UADA] } }",
        "    vic: { role: viewer, identities: { slack: [UVIC] } }",
        "slack:",
        "  enabled: true",
        "  mode: http",
        "  apiUrl: http://127.0.0.1:" + slackStandIn.getAddress().getPort() + "/api/",
        ""));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "berth.jar").toAbsolutePath().toString(), "serve", "--config", config.toString())
        .redirectErrorStream(true);
    pb.environment().put("SLACK_SIGNING_SECRET", SECRET);
    pb.environment().put("SLACK_BOT_TOKEN", "xoxb-serve-it");
    berth = pb.start();
    CountDownLatch listening = new CountDownLatch(1);
    Pattern bound = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(berth.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          output.add(line);
          Matcher m = bound.matcher(line);
          if (m.find()) {
            port = Integer.parseInt(m.group(1));
            listening.countDown();
          }
        }
      } catch (Exception ignored) {
        // process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    assertThat(listening.await(60, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
  }

  @AfterAll
  static void stop() throws Exception {
    if (berth != null) {
      berth.destroy(); // SIGTERM: the shutdown hook closes the server, bots and audit trail
      if (!berth.waitFor(20, TimeUnit.SECONDS)) berth.destroyForcibly();
    }
    if (slackStandIn != null) slackStandIn.stop(0);
  }

  @Test
  void healthzReportsEngineAndAudit() throws Exception {
    HttpResponse<String> r = get("/healthz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"reachable\":true").contains("\"writable\":true");
  }

  @Test
  void consoleAsksForLoginAndTheFirstStartPrintedAOneTimeAdminPassword() throws Exception {
    HttpResponse<String> r = get("/");
    assertThat(r.statusCode()).isBetween(300, 399);
    assertThat(r.headers().firstValue("Location")).get().asString().contains("login");
    assertThat(output).anyMatch(l -> l.contains("Sign in as 'admin' with password:"));
    assertThat(Files.readString(dir.resolve("data").resolve("web-admin.hash"))).startsWith("$2");
  }

  @Test
  void signedSlashCommandIsAnsweredThroughResponseUrlAndAForgedOneIsRefused() throws Exception {
    String responseUrl = "http://127.0.0.1:" + slackStandIn.getAddress().getPort() + "/response/" + System.nanoTime();
    String body = SlackForms.encode(Map.of("command", "/docker", "text", "ps -a", "user_id", "UADA", "user_name", "ada",
        "team_id", "T1", "channel_id", "C1", "response_url", responseUrl, "trigger_id", "t" + System.nanoTime(),
        "token", "legacy"));
    assertThat(postSlack(body, "v0=" + "0".repeat(64)).statusCode()).isEqualTo(401);

    HttpResponse<String> ack = postSlack(body, null);
    assertThat(ack.statusCode()).isEqualTo(200);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (responses.stream().noneMatch(r -> r.contains("CONTAINER ID")) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(responses).anyMatch(r -> r.contains("CONTAINER ID"));
    assertThat(responses).hasSize(1); // the forged request ran nothing
  }

  private static HttpResponse<String> postSlack(String body, String forgedSignature) throws Exception {
    HttpRequest.Builder post = SlackForms.signedPost(URI.create("http://127.0.0.1:" + port + "/slack/events"), SECRET, body);
    if (forgedSignature != null) post.setHeader("X-Slack-Signature", forgedSignature);
    return http.send(post.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
