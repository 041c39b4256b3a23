package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.adapter.docker.DockerJavaEngine;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.Progress;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.TestFleet;
import io.berth.core.testing.TestFleet.Node;
import io.berth.core.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The Swarm commands through the catalog (parse, policy, audit, execute) against a real Swarm of three engines
 * ({@link TestFleet}): Berth's single endpoint is the manager's socket. A service is created, scaled 1→4 onto both
 * workers, updated to a second tag of the test image with progress, rolled back, and a bad update fails naming its
 * task; a two-service stack is deployed, listed and removed; draining a worker moves its tasks; scope hides a
 * service. Names carry this run's prefix; the fleet (and all in it) goes at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.SAME_THREAD)
class SwarmIT {
  static final String PREFIX = "bt-swarm-" + UUID.randomUUID().toString().substring(0, 6);
  static final String SERVICE = PREFIX + "-web";
  static final String STACK = PREFIX.replace("-", "_") + "_st";
  static final String V2 = "berth-test/busybox:" + PREFIX;
  static final Caller ADA = new Caller(Source.CLI, "ada", "ada", Location.NOWHERE);
  static final Caller PAM = new Caller(Source.CLI, "pam", "pam", Location.NOWHERE);
  static final PlainTextRenderer TEXT = new PlainTextRenderer();
  static TestFleet fleet;
  static DockerJavaEngine engine;
  static CommandService core;
  static Path files;

  @BeforeAll
  static void fleet() throws Exception {
    fleet = TestFleet.start();
    for (Node n : List.of(fleet.manager(), fleet.workers().get(0), fleet.workers().get(1))) {
      fleet.dockerOk(n, "tag", TestEngine.BUSYBOX, V2); // the "new image" exists on every node, locally
    }
    files = Files.createTempDirectory("berth-swarm-it");
    engine = new DockerJavaEngine("m1", fleet.manager().unixHost());
    CoreLimits limits = new CoreLimits(Duration.ofMinutes(3), Duration.ofSeconds(60), 1 << 20, 10_000, List.of(),
        Duration.ofMinutes(5), List.of(files));
    core = new CommandService(new PicocliCommandLanguage(), new ConfiguredPolicy(ConfigLoader.parse(
        "policy: { users: { ada: { role: admin, cli: [ada] }, pam: { role: admin, cli: [pam], scope: { names: [\"pay-*\"] } } },"
            + " run: { images: [\"berth-test/*\"] } }",
        Map.of()).policy()), new InMemoryAuditTrail(), engine, limits, Clock.systemUTC());
  }

  @AfterAll
  static void down() throws Exception {
    if (engine != null) engine.close();
    if (fleet != null) fleet.close();
    if (files != null) {
      try (var s = Files.walk(files)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Runs as {@code who}, confirming when the policy asks; the progress lines go to {@code progress}. */
  static Outcome run(Caller who, String text, List<String> progress) {
    io.berth.core.result.ProgressListener sink = p -> progress.add(Progress.describe(p));
    Outcome o = core.submit(who, text, sink);
    if (o instanceof Outcome.ConfirmationRequired c) o = core.confirm(who, c.token(), sink);
    return o;
  }

  static String ok(String text) {
    return ok(text, Collections.synchronizedList(new ArrayList<>()));
  }

  static String ok(String text, List<String> progress) {
    Outcome o = run(ADA, text, progress);
    assertThat(o).as(text + ": " + TEXT.render(o)).isInstanceOf(Outcome.Succeeded.class);
    return TEXT.render(o);
  }

  static List<String> runningNodes(String service) {
    String out = ok("service ps --filter desired-state=running --format {{.Node}}|{{.CurrentState}} " + service);
    return out.lines().filter(l -> l.contains("|Running")).map(l -> l.substring(0, l.indexOf('|'))).toList();
  }

  static String host(Node n) {
    return "fleet-" + fleet.id() + "-" + n.name();
  }

  @Test
  @Order(1)
  void nodeLsShowsTheSwarmAsDockerDoes() throws Exception {
    String format = "{{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}} {{.EngineVersion}}";
    assertThat(ok("node ls --format '" + format + "'").strip())
        .isEqualTo(fleet.dockerOk(fleet.manager(), "node", "ls", "--format", format));
    assertThat(ok("node ls")).startsWith("ID ").contains("HOSTNAME", "MANAGER STATUS", host(fleet.manager()), "Leader");
    assertThat(ok("node inspect -f {{.Description.Hostname}} " + host(fleet.workers().get(0))).strip())
        .isEqualTo(host(fleet.workers().get(0)));
  }

  @Test
  @Order(2)
  void aServiceIsCreatedWithProgressAndScaledOntoBothWorkers() {
    List<String> progress = Collections.synchronizedList(new ArrayList<>());
    String created = ok("service create --name " + SERVICE + " --replicas 1 --stop-signal KILL --label team=web "
        + TestEngine.BUSYBOX + " sleep 3600", progress);
    assertThat(created).contains("overall progress: 1 out of 1 tasks", "1/1: running", "verify: Service converged");
    assertThat(progress).contains("verify: Service converged");
    assertThat(ok("service ls --filter name=" + SERVICE)).contains(SERVICE, "replicated", "1/1", TestEngine.BUSYBOX);

    String scaled = ok("service scale " + SERVICE + "=4");
    assertThat(scaled).contains(SERVICE + " scaled to 4", "overall progress: 4 out of 4 tasks", "verify: Service converged");
    List<String> nodes = runningNodes(SERVICE);
    assertThat(nodes).hasSize(4).contains(host(fleet.workers().get(0)), host(fleet.workers().get(1)));
    assertThat(ok("service ls --format {{.Replicas}} --filter name=" + SERVICE).strip()).isEqualTo("4/4");
  }

  @Test
  @Order(3)
  void anUpdateToANewImageShowsProgressAndARollbackReturns() {
    List<String> progress = Collections.synchronizedList(new ArrayList<>());
    String updated = ok("service update --image " + V2 + " " + SERVICE, progress);
    assertThat(updated).startsWith(SERVICE + "\n").contains("overall progress: 4 out of 4 tasks", "verify: Service converged");
    assertThat(progress).anyMatch(l -> l.matches("overall progress: [0-3] out of 4 tasks")); // it was seen under way
    assertThat(ok("service inspect -f {{.Spec.TaskTemplate.ContainerSpec.Image}} " + SERVICE).strip()).isEqualTo(V2);
    assertThat(ok("service ps " + SERVICE)).contains(" \\_ " + SERVICE + ".1", "Shutdown");

    String rolledBack = ok("service rollback " + SERVICE);
    assertThat(rolledBack).contains("rollback: manually requested rollback", "verify: Service converged");
    assertThat(ok("service inspect -f {{.Spec.TaskTemplate.ContainerSpec.Image}} " + SERVICE).strip())
        .isEqualTo(TestEngine.BUSYBOX);
  }

  @Test
  @Order(4)
  void scopeHidesAServiceFromACallerOutsideIt() {
    Outcome o = run(PAM, "service ps " + SERVICE, new ArrayList<>());
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(Failure.NOT_FOUND);
      assertThat(f.message()).contains("service " + SERVICE + " not found");
    });
    assertThat(TEXT.render(run(PAM, "service ls", new ArrayList<>()))).doesNotContain(SERVICE);
  }

  @Test
  @Order(5)
  void drainingAWorkerMovesItsTasks() {
    Node w1 = fleet.workers().get(0);
    assertThat(ok("node update --availability drain " + host(w1)).strip()).isEqualTo(host(w1));
    try {
      Wait.until(() -> {
        List<String> nodes = runningNodes(SERVICE);
        return nodes.size() == 4 && !nodes.contains(host(w1));
      }, Duration.ofSeconds(90));
      assertThat(ok("node ls --format {{.Hostname}}={{.Availability}}")).contains(host(w1) + "=Drain");
    } finally {
      ok("node update --availability active " + host(w1));
    }
  }

  @Test
  @Order(6)
  void aFailedUpdateSaysWhichTaskFailedAndWhy() {
    Outcome o = run(ADA, "service update --image berth-test/busybox:" + PREFIX + "-missing " + SERVICE, new ArrayList<>());
    assertThat(o).as(TEXT.render(o)).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.message()).contains("update of service " + SERVICE + " paused", "task " + SERVICE + ".")
          .containsIgnoringCase("No such image");
    });
    assertThat(ok("service rm " + SERVICE).strip()).isEqualTo(SERVICE);
    assertThat(ok("service ls -q --filter name=" + SERVICE).strip()).isEmpty();
  }

  @Test
  @Order(7)
  void aTwoServiceStackIsDeployedListedAndRemoved() throws Exception {
    Files.writeString(files.resolve("stack.yml"), """
        version: "3.8"
        services:
          web:
            image: %s
            command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
            environment:
              MODE: web
            labels:
              berth.test: "true"
            deploy:
              replicas: 2
              update_config: { parallelism: 1, delay: 1s }
              restart_policy: { condition: any }
          api:
            image: %s
            command: sh -c "trap 'exit 0' TERM; sleep 3600 & wait"
            environment: ["MODE=api"]
            networks: [backend]
        networks:
          backend:
            driver: overlay
        """.formatted(TestEngine.BUSYBOX, V2));
    String deployed = ok("stack deploy -c " + files.resolve("stack.yml") + " --detach=false " + STACK);
    assertThat(deployed).contains("Creating network " + STACK + "_backend", "Creating network " + STACK + "_default",
        "Creating service " + STACK + "_api", "Creating service " + STACK + "_web", "verify: Service converged");

    String services = ok("stack services --format {{.Name}}={{.Replicas}} " + STACK);
    assertThat(services.lines().toList()).containsExactly(STACK + "_api=1/1", STACK + "_web=2/2");
    String tasks = ok("stack ps --filter desired-state=running " + STACK);
    assertThat(tasks).contains(STACK + "_api.1", STACK + "_web.1", STACK + "_web.2", "Running");
    assertThat(ok("stack ls")).contains(STACK).containsPattern(STACK + " +2");
    assertThat(fleet.dockerOk(fleet.manager(), "network", "inspect", "-f", "{{.Driver}} {{index .Labels \"com.docker.stack.namespace\"}}",
        STACK + "_backend")).isEqualTo("overlay " + STACK);

    String removed = ok("stack rm " + STACK);
    assertThat(removed).contains("Removing service " + STACK + "_api", "Removing service " + STACK + "_web",
        "Removing network " + STACK + "_backend");
    assertThat(ok("stack ls")).doesNotContain(STACK);
    // the manager drops a removed overlay network from its own list once the stopped tasks have left it
    Wait.until(() -> {
      try {
        return fleet.dockerOk(fleet.manager(), "network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK).isEmpty();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, Duration.ofSeconds(60));
  }

  @Test
  @Order(8)
  void aComposeKeyOutsideTheSubsetIsRefusedByName() throws Exception {
    Files.writeString(files.resolve("build.yml"), "services:\n  web:\n    image: busybox\n    build: .\n");
    Outcome o = run(ADA, "stack deploy -c " + files.resolve("build.yml") + " " + STACK, new ArrayList<>());
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f ->
        assertThat(f.message()).isEqualTo("services.web.build is not supported by stack deploy in Berth"));
  }

  @Test
  @Order(9)
  void imagesOutsideTheAllowlistAreRefusedForServicesAndStacks() throws Exception {
    Outcome create = run(ADA, "service create --name " + PREFIX + "-bad busybox:latest", new ArrayList<>());
    assertThat(create).isInstanceOfSatisfying(Outcome.Denied.class, d ->
        assertThat(d.reason()).contains("image busybox:latest does not match the allowed images"));
    Files.writeString(files.resolve("other.yml"), "services:\n  web:\n    image: nginx:1.25\n");
    Outcome deploy = run(ADA, "stack deploy -c " + files.resolve("other.yml") + " " + STACK, new ArrayList<>());
    assertThat(deploy).isInstanceOfSatisfying(Outcome.Failed.class, f ->
        assertThat(f.message()).contains("stack deploy: image nginx:1.25 does not match the allowed images"));
    assertThat(fleet.dockerOk(fleet.manager(), "service", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK)).isEmpty();
    assertThat(fleet.dockerOk(fleet.manager(), "network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK)).isEmpty();
  }
}
