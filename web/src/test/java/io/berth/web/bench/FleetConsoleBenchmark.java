package io.berth.web.bench;

import static io.berth.core.testing.Percentiles.ms;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.berth.core.adapter.docker.DockerJavaEngine;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.Engines;
import io.berth.core.testing.BenchmarkMain;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.TestFleet;
import io.berth.web.ConsoleSettings;
import io.berth.web.testing.ConsoleFixture;
import io.berth.web.testing.SseMessages;
import io.berth.web.testing.WebClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test) of issue 11's "Done when": the console and the CLI at fleet size, on real engines.
 *
 * <ol>
 *   <li>A fleet ({@link TestFleet}: m1, w1, w2 are the three Swarm engines, each a dockerd of its own) gets
 *       {@code containers} busybox containers dealt round the three, <b>created, not started</b>, labelled
 *       {@code berth.test=true}, through the Engine API (docker-java, 6 requests in flight).
 *   <li>Listing, interleaved per iteration: each engine's raw list ({@code curl --unix-socket SOCK
 *       http://d/containers/json?all=1}, a process as the docker CLI would be), {@code docker -H unix://SOCK ps -a}
 *       of each engine, the console's first page ({@code GET /containers?context=all}, signed in: three {@code ps -a}
 *       in parallel through the core's fan-out, audited, sorted, 100 rows rendered) and {@code LAUNCHER docker
 *       --context all ps -a} (a Berth CLI process configured with the three endpoints: JVM start-up included).
 *       Ratios: each Berth path's p50 over the slowest engine's raw-list p50.
 *   <li>State change to the console: an SSE client on {@code /containers/events?context=all&q=PREFIX-lat} (the feed
 *       the page opens, the latency containers on its page); each iteration starts one latency container on a worker
 *       with {@code docker -H unix://SOCK start} and times until the message with its {@code running} row arrives, from
 *       invoking the CLI and from the CLI returning (0 when it came first).
 * </ol>
 *
 * <p>Run as root from the repository root: {@code scripts/bench.sh fleet [CONTAINERS ITERATIONS LATENCY LAUNCHER]}
 * (defaults 5000 10 10 ./berth). Everything it creates goes with the fleet's teardown.
 */
public final class FleetConsoleBenchmark {
  private FleetConsoleBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchmarkMain.runThenExit(() -> run(args));
  }

  private static void run(String[] args) throws Exception {
    int containers = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int latencyRuns = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    String launcher = args.length > 3 ? args[3] : "./berth";
    String prefix = "fcb-" + UUID.randomUUID().toString().substring(0, 6);
    System.out.printf("%s, %d cores, load average %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
        Files.readString(Path.of("/proc/loadavg")).strip());
    long t0 = System.nanoTime();
    try (TestFleet fleet = TestFleet.start()) {
      System.out.printf("fleet up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      List<TestFleet.Node> nodes = List.of(fleet.manager(), fleet.workers().get(0), fleet.workers().get(1));
      Map<String, DockerClient> raw = new LinkedHashMap<>();
      for (TestFleet.Node n : nodes) raw.put(n.name(), client(n.unixHost()));

      long c0 = System.nanoTime();
      create(raw, nodes, prefix, containers);
      double createS = (System.nanoTime() - c0) / 1e9;
      System.out.printf("created %d containers in %.1f s (%.0f/s), load average %s%n", containers, createS,
          containers / createS, Files.readString(Path.of("/proc/loadavg")).strip());
      // the latency containers: created too, started one by one below
      List<String[]> lat = new ArrayList<>(); // node, name, id
      for (int i = 0; i < latencyRuns; i++) {
        TestFleet.Node n = nodes.get(1 + i % 2);
        String name = String.format("%s-lat-%02d", prefix, i);
        String id = raw.get(n.name()).createContainerCmd(TestEngine.BUSYBOX).withName(name)
            .withLabels(Map.of(TestEngine.TEST_LABEL, "true")).withCmd("sleep", "3600").exec().getId();
        lat.add(new String[] {n.name(), name, id});
      }

      Map<String, ContainerEngine> byContext = new LinkedHashMap<>();
      for (TestFleet.Node n : nodes) byContext.put(n.name(), new DockerJavaEngine(n.name(), n.unixHost()));
      Path cliDir = Files.createTempDirectory("berth-fleet-bench");
      Path config = cliDir.resolve("berth.yml");
      StringBuilder yaml = new StringBuilder("data: { dir: " + cliDir.resolve("data") + " }\nengine:\n  endpoints:\n");
      for (TestFleet.Node n : nodes) yaml.append("    - { name: ").append(n.name()).append(", host: \"").append(n.unixHost()).append("\" }\n");
      yaml.append("policy:\n  users:\n    bench: { role: admin, identities: { cli: [\"*\"] } }\n");
      Files.writeString(config, yaml.toString());

      try (ConsoleFixture fx = new ConsoleFixture(new Engines(byContext, nodes.get(0).name(), List.of()),
          ConsoleSettings.DEFAULTS, Clock.systemUTC())) {
        WebClient web = new WebClient(fx.base());
        if (web.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).statusCode() != 303) {
          throw new IllegalStateException("login failed");
        }
        // warm up every path once (the CLI's first call may build its jar)
        for (TestFleet.Node n : nodes) curl(n);
        for (int i = 0; i < 3; i++) page(web);
        System.out.printf("warm: page shows %s%n", counts(web));
        latency(fleet, web, prefix, lat); // first: the listing rounds below take minutes on a loaded machine
        int cliRows = cli(launcher, config); // the first call also creates Berth's data (audit, keys)
        System.out.printf("warm: CLI listed %d rows (-1: failed)%n", cliRows);
        int pageMissed = 0;
        int cliFailed = 0;

        Map<String, long[]> rawNs = new LinkedHashMap<>();
        Map<String, long[]> dockerNs = new LinkedHashMap<>();
        for (TestFleet.Node n : nodes) {
          rawNs.put(n.name(), new long[iterations]);
          dockerNs.put(n.name(), new long[iterations]);
        }
        long[] pageNs = new long[iterations];
        long[] cliNs = new long[iterations];
        for (int i = 0; i < iterations; i++) {
          System.out.printf("  iteration %d, load average %s%n", i + 1, Files.readString(Path.of("/proc/loadavg")).strip());
          for (TestFleet.Node n : nodes) {
            long t = System.nanoTime();
            curl(n);
            rawNs.get(n.name())[i] = System.nanoTime() - t;
            t = System.nanoTime();
            fleet.dockerOk(n, "ps", "-a", "-q");
            dockerNs.get(n.name())[i] = System.nanoTime() - t;
          }
          long t = System.nanoTime();
          if (!page(web)) pageMissed++;
          pageNs[i] = System.nanoTime() - t;
          t = System.nanoTime();
          if (cli(launcher, config) < 0) cliFailed++;
          cliNs[i] = System.nanoTime() - t;
        }
        String slowest = null;
        for (var e : rawNs.entrySet()) {
          System.out.printf("raw list %-3s (curl /containers/json?all=1): p50 %.1f ms, p95 %.1f ms; docker -H … ps -a -q: p50 %.1f ms%n",
              e.getKey(), ms(e.getValue(), 50), ms(e.getValue(), 95), ms(dockerNs.get(e.getKey()), 50));
          if (slowest == null || ms(e.getValue(), 50) > ms(rawNs.get(slowest), 50)) slowest = e.getKey();
        }
        double base = ms(rawNs.get(slowest), 50);
        System.out.printf("slowest engine: %s (raw p50 %.1f ms; docker CLI p50 %.1f ms)%n", slowest, base,
            ms(dockerNs.get(slowest), 50));
        System.out.printf("GET /containers?context=all (first page, %s): p50 %.1f ms, p95 %.1f ms, ratio %.2f"
            + " (%d of %d with a context missing)%n",
            counts(web), ms(pageNs, 50), ms(pageNs, 95), ms(pageNs, 50) / base, pageMissed, iterations);
        System.out.printf("%s docker --context all ps -a (%d rows): p50 %.1f ms, p95 %.1f ms, ratio %.2f (%.2f over docker -H ps -a);"
            + " %d of %d failed%n", launcher, cliRows, ms(cliNs, 50), ms(cliNs, 95), ms(cliNs, 50) / base,
            ms(cliNs, 50) / ms(dockerNs.get(slowest), 50), cliFailed, iterations);

      }
    }
    System.out.printf("done (fleet torn down), load average %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
  }

  private static void latency(TestFleet fleet, WebClient web, String prefix, List<String[]> lat) throws Exception {
    long[] fromInvoke = new long[lat.size()];
    long[] fromReturn = new long[lat.size()];
    int early = 0;
    try (SseMessages sse = new SseMessages(web, "/containers/events?context=all&q=" + prefix + "-lat")) {
      sse.next("ready", 120); // the seed lists every context first; slow on a loaded machine
      for (int i = 0; i < lat.size(); i++) {
        String[] c = lat.get(i);
        String rowId = "c-" + c[0] + "-" + c[2];
        long before = System.nanoTime();
        fleet.dockerOk(fleet.node(c[0]), "start", c[1]);
        long after = System.nanoTime();
        long arrived;
        while (true) {
          SseMessages.Message m = sse.poll(60_000);
          if (m == null) throw new IllegalStateException("no SSE message for " + c[1]);
          if (m.event().equals("container") && m.data().contains("id=\"" + rowId + "\"") && m.data().contains("st-running")) {
            arrived = System.nanoTime();
            break;
          }
        }
        fromInvoke[i] = arrived - before;
        fromReturn[i] = Math.max(0, arrived - after);
        if (arrived < after) early++;
      }
    }
    System.out.printf("state change -> console (docker start on a worker -> SSE row running), from the CLI returning:"
        + " p50 %.1f ms, p95 %.1f ms (%d of %d before it returned); from invoking it: p50 %.1f ms, p95 %.1f ms%n",
        ms(fromReturn, 50), ms(fromReturn, 95), early, lat.size(), ms(fromInvoke, 50), ms(fromInvoke, 95));
  }

  private static DockerClient client(String host) {
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
    return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
        .maxConnections(8).build());
  }

  /** Parallel batches: 6 requests in flight, dealt round the engines. */
  private static void create(Map<String, DockerClient> raw, List<TestFleet.Node> nodes, String prefix, int count)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      DockerClient d = raw.get(nodes.get(i % nodes.size()).name());
      String name = String.format("%s-%04d", prefix, i);
      futures.add(pool.submit(() -> d.createContainerCmd(TestEngine.BUSYBOX).withName(name)
          .withLabels(Map.of(TestEngine.TEST_LABEL, "true")).withCmd("sleep", "3600").exec()));
    }
    int done = 0;
    for (Future<?> f : futures) {
      f.get();
      if (++done % 1000 == 0) System.out.printf("  %d created%n", done);
    }
    pool.shutdown();
  }

  private static void curl(TestFleet.Node n) throws Exception {
    Process p = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket",
        n.socket().toString(), "http://d/containers/json?all=1").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0 || !out.equals("200")) throw new IllegalStateException("curl " + n.name() + ": " + out);
  }

  /** One first page; false when a context did not answer in time (the page then says so in a line of its own). */
  private static boolean page(WebClient web) {
    HttpResponse<String> r = web.get("/containers?context=all");
    if (r.statusCode() != 200) throw new IllegalStateException("GET /containers?context=all: " + r.statusCode());
    int rows = r.body().split("<tr id=\"c-", -1).length - 1;
    if (rows != 100) throw new IllegalStateException("first page has " + rows + " rows");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("context (m1|w1|w2): [^<;]*").matcher(r.body());
    if (m.find()) {
      System.out.println("  page: " + m.group());
      return false;
    }
    return true;
  }

  private static String counts(WebClient web) {
    String body = web.get("/containers?context=all").body();
    int at = body.indexOf("<span id=\"count\" class=\"count\">");
    return body.substring(at + 31, body.indexOf("</span>", at));
  }

  /** {@code LAUNCHER docker --context all ps -a}; returns the rows it printed (header aside). */
  private static int cli(String launcher, Path config) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(launcher, "docker", "--context", "all", "ps", "-a");
    pb.environment().put("BERTH_CONFIG", config.toString());
    Path out = Files.createTempFile("berth-fleet-bench", ".out");
    Path err = Files.createTempFile("berth-fleet-bench", ".err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(600, TimeUnit.SECONDS)) throw new IllegalStateException(launcher + " did not end in 600 s");
    // a context that did not answer is a line on stderr while the others are listed (exit 0); none answering: exit 1
    String errors = Files.readString(err).lines().filter(l -> l.startsWith("context ") || l.startsWith("Error"))
        .reduce((a, b) -> a + "; " + b).orElse("");
    if (!errors.isEmpty()) System.out.println("  cli (exit " + p.exitValue() + "): " + errors);
    long lines = Files.lines(out).count();
    Files.delete(out);
    Files.delete(err);
    return p.exitValue() == 0 ? (int) lines - 1 : -1;
  }
}
