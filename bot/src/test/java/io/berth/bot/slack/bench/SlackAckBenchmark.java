package io.berth.bot.slack.bench;

import io.berth.core.testing.Percentiles;
import io.berth.core.testing.PermissiveTestPolicy;

import com.slack.api.app_backend.SlackSignature;
import com.sun.net.httpserver.HttpServer;
import io.berth.bot.slack.SlackAdapter;
import io.berth.bot.slack.SlackHttpRequest;
import io.berth.bot.slack.SlackHttpResponse;
import io.berth.bot.slack.SlackOptions;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditTrail;
import io.berth.core.command.DockerRequest;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.policy.AccessPolicy;
import io.berth.core.policy.Decision;
import io.berth.core.result.ContainerSummary;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test): signed {@code /docker ps} slash commands at a steady rate over real HTTP
 * to the real Bolt app behind {@code SlackHttpEndpoint}, while every engine call takes
 * {@code slowMs}; prints ack latency p50/p99/max and how many answers reached response_url.
 *
 * <p>Run from the repository root: {@code scripts/bench.sh slack} (builds in one reactor, then runs
 * this main; arguments after the name replace the defaults).
 */
public final class SlackAckBenchmark {
  private SlackAckBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    long slowMs = args.length > 2 ? Long.parseLong(args[2]) : 5000;
    String secret = "bench-" + UUID.randomUUID();

    AtomicInteger answers = new AtomicInteger();
    HttpServer slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slack.setExecutor(Executors.newFixedThreadPool(8));
    slack.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getPath();
      if (path.startsWith("/response/")) answers.incrementAndGet();
      byte[] body = (path.endsWith("auth.test")
          ? "{\"ok\":true,\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}" : "{\"ok\":true}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    });
    slack.start();
    String standIn = "http://127.0.0.1:" + slack.getAddress().getPort();

    CommandService commands = new CommandService(new PicocliCommandLanguage(), new PermissiveTestPolicy(), new NoAudit(),
        slowEngine(slowMs), CoreLimits.DEFAULTS, Clock.systemUTC());
    SlackAdapter adapter = SlackAdapter.create(
        new SlackOptions("http", "/docker", secret, "xoxb-bench", null, standIn + "/api/", true, List.of()), commands,
        io.berth.core.policy.GroupMemberships.none());

    HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    host.setExecutor(Executors.newFixedThreadPool(16));
    host.createContext("/slack/events", ex -> {
      Map<String, List<String>> headers = new LinkedHashMap<>(ex.getRequestHeaders());
      SlackHttpResponse res = adapter.httpEndpoint().handle(new SlackHttpRequest(ex.getRequestMethod(),
          ex.getRequestURI().getPath(), Map.of(), headers,
          new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), "127.0.0.1"));
      byte[] b = res.body().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(res.status(), b.length == 0 ? -1 : b.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
    });
    host.start();
    URI endpoint = URI.create("http://127.0.0.1:" + host.getAddress().getPort() + "/slack/events");

    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
    SlackSignature.Generator signer = new SlackSignature.Generator(secret);
    // Warm-up: class loading and Bolt's first auth.test are not what we measure.
    for (int i = 0; i < 20; i++) send(http, endpoint, signer, standIn).join();
    while (answers.get() < 20) Thread.sleep(50);

    int total = rate * seconds;
    List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long periodNanos = 1_000_000_000L / rate;
    AtomicInteger sent = new AtomicInteger();
    int answersBefore = answers.get();
    ticker.scheduleAtFixedRate(() -> {
      if (sent.getAndIncrement() >= total) return;
      long t0 = System.nanoTime();
      inFlight.add(send(http, endpoint, signer, standIn).whenComplete((r, e) -> {
        if (e != null || r.statusCode() != 200) failures.incrementAndGet();
        else latenciesMicros.add((System.nanoTime() - t0) / 1000);
      }));
    }, 0, periodNanos, TimeUnit.NANOSECONDS);
    while (sent.get() < total) Thread.sleep(50);
    ticker.shutdown();
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();

    List<Long> sorted = new ArrayList<>(latenciesMicros);
    Collections.sort(sorted);
    System.out.printf("slash commands: %d at %d/s for %d s; engine call %d ms each%n", total, rate, seconds, slowMs);
    System.out.printf("acks 200: %d, failed: %d%n", sorted.size(), failures.get());
    System.out.printf("ack latency ms: p50 %.1f  p99 %.1f  max %.1f%n",
        pct(sorted, 50) / 1000.0, pct(sorted, 99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (answers.get() - answersBefore < total && System.nanoTime() < end) Thread.sleep(100);
    System.out.printf("answers via response_url: %d of %d%n", answers.get() - answersBefore, total);
    adapter.close();
    host.stop(0);
    slack.stop(0);
    System.exit(0);
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.get(Percentiles.rank(sorted.size(), p));
  }

  private static CompletableFuture<HttpResponse<String>> send(HttpClient http, URI endpoint, SlackSignature.Generator signer,
      String standIn) {
    String body = "team_id=T1&channel_id=C1&user_id=UBENCH&user_name=bench&command=%2Fdocker&text=ps"
        + "&api_app_id=A1&trigger_id=" + UUID.randomUUID()
        + "&response_url=" + URLEncoder.encode(standIn + "/response/" + UUID.randomUUID(), StandardCharsets.UTF_8);
    String ts = String.valueOf(System.currentTimeMillis() / 1000);
    HttpRequest req = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", ts)
        .header("X-Slack-Signature", signer.generate(ts, body))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
  }

  /** An engine whose every call takes {@code slowMs}, then returns nothing. */
  private static ContainerEngine slowEngine(long slowMs) {
    return (ContainerEngine) Proxy.newProxyInstance(ContainerEngine.class.getClassLoader(),
        new Class<?>[] {ContainerEngine.class}, (proxy, method, a) -> {
          if (method.getName().equals("endpoint")) return "bench";
          Thread.sleep(slowMs);
          return method.getReturnType() == List.class ? List.of() : null;
        });
  }

  /** Discards records. */
  private static final class NoAudit implements AuditTrail {
    @Override
    public void append(AuditEntry entry) {}

    @Override
    public io.berth.core.audit.ChainHead head() {
      return io.berth.core.audit.ChainHead.EMPTY;
    }

    @Override
    public java.util.Optional<io.berth.core.audit.Checkpoint> checkpoint(io.berth.core.audit.CheckpointSigner signer) {
      return java.util.Optional.empty();
    }

    @Override
    public List<AuditRecord> query(AuditFilter filter, int limit) {
      return List.of();
    }

    @Override
    public void scan(AuditFilter filter, io.berth.core.audit.AuditRowSink sink) {}

    @Override
    public void replay(long fromSeq, long toSeq, io.berth.core.audit.AuditRowSink sink) {}

    @Override
    public List<io.berth.core.audit.Checkpoint> checkpoints() {
      return List.of();
    }

    @Override
    public List<io.berth.core.audit.ArchivedRange> archived() {
      return List.of();
    }

    @Override
    public List<AuditRecord> unfinished() {
      return List.of();
    }

    @Override
    public List<String> storageProblems() {
      return List.of();
    }

    @Override
    public void pruneArchived(io.berth.core.audit.ArchivedRange range) {}

    @Override
    public boolean writable() {
      return true;
    }

    @Override
    public void close() {}
  }
}
