package io.berth.web.bench;

import static io.berth.core.testing.Percentiles.ms;

import com.github.dockerjava.api.DockerClient;
import io.berth.core.testing.BenchmarkMain;
import io.berth.core.testing.TestEngine;
import io.berth.web.testing.ConsoleFixture;
import io.berth.web.testing.DockerCli;
import io.berth.web.testing.WebClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Benchmark (not a test) of the web console on a real engine with 500 extra containers. The
 * containers are created, not started, and labelled {@code berth.test=true} (listing cost does not
 * depend on state; starting 500 would measure the machine, not the console).
 *
 * <ol>
 *   <li>Container list: a signed-in {@code GET /containers} (full page, 500+ rows rendered by jte;
 *       the core's {@code ps -a} with policy, two SQLite audit appends, DockerJavaEngine) against the
 *       raw Engine API list call on the same engine (docker-java {@code listContainersCmd().withShowAll(true)}).
 *       p50/p95 of each and the ratio of the p50s.
 *   <li>Events → page: an SSE client on {@code /containers/events} (as the page opens it); for each
 *       iteration one container is started with the docker CLI ({@code docker start}, a separate
 *       process); latency is from the CLI returning to the SSE message with that container's new
 *       row arriving (0 when it arrived before the CLI returned; those are counted), and from
 *       invoking the CLI.
 * </ol>
 *
 * <p>Run from the repository root: {@code scripts/bench.sh console} (builds in one reactor, then runs
 * this main; arguments after the name replace the defaults).
 * Arguments: containers to create (default 500), list iterations (default 30), event iterations
 * (default 20).
 */
public final class ConsoleBenchmark {
  private ConsoleBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchmarkMain.runThenExit(() -> run(args));
  }

  private static void run(String[] args) throws Exception {
    int containers = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int listIterations = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int eventIterations = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    try (TestEngine docker = new TestEngine("web-bench"); ConsoleFixture fx = new ConsoleFixture(docker.engine())) {
      System.out.printf("creating %d containers (created, not started, label berth.test=true)...%n", containers);
      List<String> names = create(docker, containers);
      WebClient web = new WebClient(fx.base());
      if (web.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).statusCode() != 303) {
        throw new IllegalStateException("login failed");
      }
      DockerClient raw = docker.docker();
      for (int i = 0; i < 5; i++) { // warm up both paths
        page(web);
        raw.listContainersCmd().withShowAll(true).exec();
      }
      long[] pageNs = new long[listIterations];
      long[] rawNs = new long[listIterations];
      int rows = 0;
      for (int i = 0; i < listIterations; i++) {
        long t = System.nanoTime();
        rows = page(web);
        pageNs[i] = System.nanoTime() - t;
        t = System.nanoTime();
        raw.listContainersCmd().withShowAll(true).exec();
        rawNs[i] = System.nanoTime() - t;
      }
      System.out.printf("GET /containers (%d rows): p50 %.1f ms, p95 %.1f ms%n", rows, ms(pageNs, 50), ms(pageNs, 95));
      System.out.printf("raw Engine API list:       p50 %.1f ms, p95 %.1f ms%n", ms(rawNs, 50), ms(rawNs, 95));
      System.out.printf("ratio (p50 page / p50 raw): %.2f%n", ms(pageNs, 50) / ms(rawNs, 50));

      events(fx, web, docker.prefix(), names, eventIterations);
    }
  }

  private static int page(WebClient web) {
    HttpResponse<String> r = web.get("/containers");
    if (r.statusCode() != 200) throw new IllegalStateException("GET /containers: " + r.statusCode());
    return r.body().split("<tr id=\"c-", -1).length - 1;
  }

  private static void events(ConsoleFixture fx, WebClient web, String prefix, List<String> names, int n)
      throws Exception {
    BlockingQueue<long[]> arrivals = new LinkedBlockingQueue<>();
    List<String> ids = new ArrayList<>();
    for (String name : names.subList(0, n)) ids.add(DockerCli.run("inspect", "-f", "{{.Id}}", name));
    HttpRequest req = web.request("/containers/events?name=" + prefix).header("Accept", "text/event-stream").build();
    ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "sse-reader");
      t.setDaemon(true);
      return t;
    });
    HttpResponse<Stream<String>> resp = web.http().send(req, HttpResponse.BodyHandlers.ofLines());
    Future<?> reading = reader.submit(() -> {
      String event = null;
      StringBuilder data = new StringBuilder();
      for (String line : (Iterable<String>) resp.body()::iterator) {
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line, 6, line.length()).append('\n');
        } else if (line.isEmpty() && event != null) { // end of one SSE message
          long now = System.nanoTime();
          String d = data.toString();
          if ("ready".equals(event)) arrivals.add(new long[] {-1, now});
          if ("container".equals(event) && d.contains("st-running")) {
            for (int i = 0; i < ids.size(); i++) {
              if (d.contains("c-" + ids.get(i))) arrivals.add(new long[] {i, now});
            }
          }
          event = null;
          data.setLength(0);
        }
      }
    });
    if (arrivals.poll(30, TimeUnit.SECONDS) == null) throw new IllegalStateException("SSE not ready");
    long[] fromReturn = new long[n];
    long[] fromInvoke = new long[n];
    int early = 0;
    for (int i = 0; i < n; i++) {
      long before = System.nanoTime();
      DockerCli.run("start", names.get(i));
      long after = System.nanoTime();
      long[] a;
      do {
        a = arrivals.poll(10, TimeUnit.SECONDS);
        if (a == null) throw new IllegalStateException("no SSE message for " + names.get(i));
      } while (a[0] != i);
      fromInvoke[i] = a[1] - before;
      fromReturn[i] = Math.max(0, a[1] - after);
      if (a[1] < after) early++;
    }
    System.out.printf("events -> page, from docker start returning: p50 %.1f ms, p95 %.1f ms (%d of %d arrived before the CLI returned)%n",
        ms(fromReturn, 50), ms(fromReturn, 95), early, n);
    System.out.printf("events -> page, from invoking docker start:  p50 %.1f ms, p95 %.1f ms%n",
        ms(fromInvoke, 50), ms(fromInvoke, 95));
    reading.cancel(true);
    reader.shutdownNow();
    resp.body().close();
  }

  private static List<String> create(TestEngine docker, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = docker.name(String.format("c%04d", i));
      futures.add(pool.submit(() -> {
        docker.docker().createContainerCmd(TestEngine.BUSYBOX).withName(name)
            .withLabels(Map.of(TestEngine.TEST_LABEL, "true", "berth.bench", "web")).withCmd("sleep", "600").exec();
        return name;
      }));
    }
    List<String> names = new ArrayList<>();
    for (Future<String> f : futures) names.add(f.get());
    pool.shutdown();
    return names;
  }
}
