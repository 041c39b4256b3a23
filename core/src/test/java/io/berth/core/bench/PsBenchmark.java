package io.berth.core.bench;

import static io.berth.core.testing.Percentiles.ms;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.berth.core.command.Ps;
import io.berth.core.model.Caller;
import io.berth.core.model.Source;
import io.berth.core.result.ContainerList;
import io.berth.core.result.Outcome;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.PermissiveTestPolicy;
import io.berth.core.testing.SimpleTestLanguage;
import io.berth.core.testing.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;

/**
 * Benchmark (not a test): {@code ps -a} through the core vs the raw Engine API list call, with 200
 * extra containers on the engine. The containers are created, not started (listing cost does not
 * depend on state; starting 200 would measure the machine, not the list).
 *
 * <p>Core path: CommandService.execute(Ps) with the permissive test policy and the in-memory audit
 * fake (two audit appends per call, no fsync), DockerJavaEngine underneath. Raw paths: an HTTP
 * {@code GET /containers/json?all=1} on the same socket with docker-java's transport (body read,
 * not parsed), and docker-java's {@code listContainersCmd} (parsed into docker-java objects).
 *
 * <p>Run from the repository root: {@code scripts/bench.sh ps} (builds in one reactor, then runs
 * this main; arguments after the name replace the defaults).
 * Arguments: containers to create (default 200), measured iterations per path (default 300).
 */
public final class PsBenchmark {
  private PsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int containers = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int warmup = Math.max(30, iterations / 5);
    Caller caller = new Caller(Source.CLI, "bench", "bench", null);

    try (TestEngine env = new TestEngine("bench")) {
      long t0 = System.nanoTime();
      for (int i = 0; i < containers; i++) env.createOutsideBerth(env.name("c" + i), "true");
      System.out.printf("created %d containers in %.1f s%n", containers, (System.nanoTime() - t0) / 1e9);

      CommandService core = new CommandService(new SimpleTestLanguage(), new PermissiveTestPolicy(),
          new InMemoryAuditTrail(), env.engine(), CoreLimits.DEFAULTS, Clock.systemUTC());
      DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
      try (DockerHttpClient raw = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
          .sslConfig(config.getSSLConfig()).maxConnections(4).build()) {
        Ps ps = new Ps(true, List.of());
        Runnable corePs = () -> {
          Outcome o = core.execute(caller, ps, "ps -a", p -> {});
          if (!(o instanceof Outcome.Succeeded s) || ((ContainerList) s.result()).containers().size() < containers) {
            throw new IllegalStateException("core ps failed: " + o);
          }
        };
        Runnable rawHttp = () -> {
          DockerHttpClient.Request req = DockerHttpClient.Request.builder()
              .method(DockerHttpClient.Request.Method.GET).path("/containers/json?all=1").build();
          try (DockerHttpClient.Response r = raw.execute(req); InputStream in = r.getBody()) {
            if (r.getStatusCode() != 200 || in.readAllBytes().length == 0) throw new IllegalStateException("raw list failed");
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        };
        Runnable dockerJava = () -> {
          if (env.docker().listContainersCmd().withShowAll(true).exec().size() < containers) {
            throw new IllegalStateException("docker-java list failed");
          }
        };
        for (int i = 0; i < warmup; i++) {
          corePs.run();
          rawHttp.run();
          dockerJava.run();
        }
        long[] coreNs = new long[iterations];
        long[] rawNs = new long[iterations];
        long[] djNs = new long[iterations];
        for (int i = 0; i < iterations; i++) { // interleaved, so load changes hit all paths alike
          coreNs[i] = time(corePs);
          rawNs[i] = time(rawHttp);
          djNs[i] = time(dockerJava);
        }
        int total = env.docker().listContainersCmd().withShowAll(true).exec().size();
        System.out.printf("containers on the engine: %d; warm-up %d, measured %d iterations per path%n",
            total, warmup, iterations);
        report("core ps -a (CommandService)", coreNs);
        report("raw GET /containers/json?all=1", rawNs);
        report("docker-java listContainersCmd", djNs);
        System.out.printf("ratio core/raw HTTP: p50 %.2f, p95 %.2f%n",
            ms(coreNs, 50) / ms(rawNs, 50), ms(coreNs, 95) / ms(rawNs, 95));
        System.out.printf("ratio core/docker-java: p50 %.2f, p95 %.2f%n",
            ms(coreNs, 50) / ms(djNs, 50), ms(coreNs, 95) / ms(djNs, 95));
      }
      long t1 = System.nanoTime();
      env.removeContainers();
      System.out.printf("removed them in %.1f s%n", (System.nanoTime() - t1) / 1e9);
    }
  }

  private static long time(Runnable r) {
    long t = System.nanoTime();
    r.run();
    return System.nanoTime() - t;
  }

  private static void report(String label, long[] ns) {
    System.out.printf("%-34s p50 %7.2f ms   p95 %7.2f ms%n", label, ms(ns, 50), ms(ns, 95));
  }

}
