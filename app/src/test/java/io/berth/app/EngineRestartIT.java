package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.berth.core.testing.DedicatedDockerd;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Berth survives a real restart of its Docker engine: {@code ./berth serve} (the packaged jar, as
 * in {@link ServeIT}) runs against a dockerd of the test's own ({@link DedicatedDockerd}: own
 * network namespace, never the shared engine), the test stops that daemon with SIGTERM and starts it
 * again, and checks what a user sees: /healthz says degraded during the outage and ok after, the
 * console's live list says the engine is unreachable and then shows a container started after the
 * restart, and a container that died during the outage raises its alert exactly once (through the
 * real AlertFeed → Slack notifier, observed at a stand-in for Slack's Web API).
 *
 * <p>Isolated: it starts and stops a whole daemon and measures seconds; nothing else should
 * compete for the machine meanwhile (failsafe runs it alone even if parallel execution is enabled).
 */
@Isolated
class EngineRestartIT {
  static final String SECRET = "engine-restart-it-secret";
  static final String IMAGE = "berth-test/busybox:latest";
  static final Pattern BOUND = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
  static final Pattern ADMIN = Pattern.compile("Sign in as 'admin' with password: (\\S+)");

  @TempDir Path dir;
  final List<String> output = new CopyOnWriteArrayList<>();
  final List<String> posted = new CopyOnWriteArrayList<>();
  /** The console's live list as it arrives: "event|data" per SSE message. */
  final List<String> live = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  int port;

  @Test
  void berthFollowsItsEngineThroughARestartAndReportsWhatHappenedMeanwhile() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String doomed = "restart-doomed-" + suffix;
    String fresh = "restart-fresh-" + suffix;
    HttpServer slack = slackStandIn();
    Process berth = null;
    // The container that dies during the outage: the daemon runs with --live-restore, so stopping
    // it leaves containers running, and this one exits on its own (code 3) while the daemon is down.
    // (Without live-restore every container would be stopped by the daemon's shutdown, with its die
    // events sent before the daemon exits: a live event, not one missed during the outage.)
    try (DedicatedDockerd engine = DedicatedDockerd.start("--live-restore")) {
      engine.loadImage(IMAGE);
      berth = startBerth(engine, slack);
      String cookie = login();
      Thread sse = follow("/containers/events", cookie);
      waitFor("the live list is ready", Duration.ofSeconds(10), () -> live.stream().anyMatch(l -> l.startsWith("ready|")));

      long t0 = System.nanoTime();
      engine.docker("run", "-d", "--name", doomed, "--label", "berth.test=true", "--restart=no", IMAGE,
          "sh", "-c", "sleep 5; exit 3");
      waitFor("the live list shows " + doomed, Duration.ofSeconds(5), () -> liveRowOf(doomed, "Up"));
      engine.stop();
      double stoppedAfter = (System.nanoTime() - t0) / 1e9;
      assertThat(stoppedAfter).as("the daemon must be down before the container exits (5 s)").isLessThan(4.5);

      waitFor("/healthz reports the outage", Duration.ofSeconds(5), () -> {
        HttpResponse<String> h = get("/healthz", null);
        return h.statusCode() == 503 && h.body().contains("\"reachable\":false") && h.body().contains("degraded");
      });
      waitFor("the console says the engine is unreachable", Duration.ofSeconds(5),
          () -> live.stream().anyMatch(l -> l.startsWith("engine|") && l.contains("unreachable")));
      // stay down until the container has exited, plus a margin
      long downUntil = t0 + TimeUnit.MILLISECONDS.toNanos(7000);
      while (System.nanoTime() < downUntil) Thread.sleep(50);
      assertThat(posted).as("no alert while the engine is down").noneMatch(p -> p.contains(doomed));

      engine.startDaemon();
      waitFor("/healthz is ok again", Duration.ofSeconds(10), () -> {
        HttpResponse<String> h = get("/healthz", null);
        return h.statusCode() == 200 && h.body().contains("\"status\":\"ok\"");
      });
      long started = System.nanoTime();
      engine.docker("run", "-d", "--name", fresh, "--label", "berth.test=true", IMAGE, "sleep", "1000");
      waitFor("the live list shows a container started after the restart", Duration.ofSeconds(5),
          () -> liveRowOf(fresh, "Up"));
      double shownAfter = (System.nanoTime() - started) / 1e9;
      waitFor("the live list shows " + doomed + " exited with 3", Duration.ofSeconds(5), () -> liveRowOf(doomed, "Exited (3)"));
      waitFor("the die alert for " + doomed, Duration.ofSeconds(10), () -> alertsFor(doomed) >= 1);
      // the daemon may replay the die (events since the last one seen) after Berth reconciled: wait, then count
      Thread.sleep(3000);
      assertThat(alertsFor(doomed)).as("alerts for " + doomed + ": " + posted).isEqualTo(1);
      assertThat(posted.stream().filter(p -> p.contains(doomed)).findFirst().orElseThrow()).contains("exit code 3");
      assertThat(live).as("the banner is cleared once the engine is back")
          .filteredOn(l -> l.startsWith("engine|")).last().asString().doesNotContain("unreachable");
      System.out.printf("engine restart: daemon down %.1f s after run; fresh container shown %.2f s after docker run%n",
          stoppedAfter, shownAfter);
      sse.interrupt();
    } finally {
      if (berth != null) {
        berth.destroy();
        if (!berth.waitFor(20, TimeUnit.SECONDS)) berth.destroyForcibly();
      }
      slack.stop(0);
    }
  }

  private boolean liveRowOf(String name, String status) {
    return live.stream().anyMatch(l -> l.startsWith("container|") && l.contains(name) && l.contains(status));
  }

  private long alertsFor(String name) {
    return posted.stream().filter(p -> p.contains(name)).count();
  }

  private HttpServer slackStandIn() throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = ex.getRequestURI().getPath();
      String answer = "{\"ok\":true}";
      if (path.endsWith("chat.postMessage")) posted.add(java.net.URLDecoder.decode(body, StandardCharsets.UTF_8));
      if (path.endsWith("auth.test")) {
        answer = "{\"ok\":true,\"team\":\"Berth\",\"user\":\"berth\",\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}";
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
    s.start();
    return s;
  }

  private Process startBerth(DedicatedDockerd engine, HttpServer slack) throws Exception {
    Path config = dir.resolve("berth.yml");
    Files.writeString(config, String.join("\n",
        "server: { host: 127.0.0.1, port: 0 }",
        "data: { dir: " + dir.resolve("data") + " }",
        "engine:",
        "  endpoints:",
        "    - name: restarting",
        "      host: " + engine.host(),
        "slack:",
        "  enabled: true",
        "  mode: http",
        "  apiUrl: http://127.0.0.1:" + slack.getAddress().getPort() + "/api/",
        "  notifyChannels: [CALERTS]",
        "notify: { events: [die] }",
        ""));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "berth.jar").toAbsolutePath().toString(), "serve", "--config", config.toString())
        .redirectErrorStream(true);
    pb.environment().put("SLACK_SIGNING_SECRET", SECRET);
    pb.environment().put("SLACK_BOT_TOKEN", "xoxb-engine-restart-it");
    Process p = pb.start();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          output.add(line);
          Matcher m = BOUND.matcher(line);
          if (m.find()) port = Integer.parseInt(m.group(1));
        }
      } catch (Exception ignored) {
        // process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    waitFor("berth listening", Duration.ofSeconds(60), () -> port > 0);
    return p;
  }

  private String login() throws Exception {
    String password = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (password == null && System.nanoTime() < deadline) {
      password = output.stream().map(ADMIN::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
      if (password == null) Thread.sleep(50);
    }
    assertThat(password).as(String.join("\n", output)).isNotNull();
    String form = "login=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    String cookie = r.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse(null);
    assertThat(cookie).as("signed in: " + r.statusCode() + " " + r.body()).isNotNull();
    return cookie;
  }

  /** Reads an SSE stream into {@link #live} on a thread of its own. */
  private Thread follow(String path, String cookie) {
    Thread t = new Thread(() -> {
      try {
        HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie)
            .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        String event = "message";
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) r.body()::iterator) {
          if (line.startsWith("event:")) event = line.substring(6).strip();
          else if (line.startsWith("data:")) data.append(line.substring(5).strip()).append('\n');
          else if (line.isEmpty()) {
            if (data.length() > 0) live.add(event + "|" + data);
            event = "message";
            data.setLength(0);
          }
        }
      } catch (Exception ended) {
        // interrupted or the server went away
      }
    }, "sse-reader");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private HttpResponse<String> get(String path, String cookie) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
      if (cookie != null) b.header("Cookie", cookie);
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(path + ": " + e, e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private void waitFor(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) return;
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as(what + " within " + max.toSeconds() + " s\nlive: " + live + "\nalerts: " + posted
        + "\nberth:\n" + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()))).isTrue();
  }
}
