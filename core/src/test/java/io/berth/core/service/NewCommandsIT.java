package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
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
import io.berth.core.result.ProgressListener;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.TestRegistry;
import io.berth.core.testing.Wait;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * pause, unpause, top, port, rename, wait, tag, push, events, system df, container/image prune and
 * the management forms, as text through CommandService on the real engine. Prunes run only where
 * they cannot reach anything this run did not make: container prune as a user scoped to this run's
 * label, image prune narrowed to this run's label.
 */
@Execution(ExecutionMode.CONCURRENT)
class NewCommandsIT {
  static TestEngine env;
  static CommandService core;
  static InMemoryAuditTrail audit;
  static String scope;
  static final PlainTextRenderer TEXT = new PlainTextRenderer();

  @BeforeAll
  static void setUp() {
    env = new TestEngine("cmds-it");
    scope = env.prefix();
    audit = new InMemoryAuditTrail();
    ConfiguredPolicy policy = new ConfiguredPolicy(ConfigLoader.parse("""
        policy:
          users:
            ada: { role: admin, slack: [U_A] }
            sam: { role: admin, slack: [U_S], scope: { labels: { berth.scope: %s } } }
            nat: { role: admin, slack: [U_N], scope: { names: ["%s-*"] } }
        """.formatted(scope, scope), Map.of()).policy());
    CoreLimits limits = new CoreLimits(Duration.ofSeconds(60), Duration.ofSeconds(60), 64 * 1024, 1000, List.of(),
        Duration.ofMinutes(5));
    core = new CommandService(new PicocliCommandLanguage(), policy, audit, env.engine(), limits, Clock.systemUTC());
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  static Outcome run(String user, String text) {
    return run(user, text, ProgressListener.IGNORE);
  }

  static Outcome run(String user, String text, ProgressListener progress) {
    Outcome o = core.submit(slack(user), text, progress);
    if (o instanceof Outcome.ConfirmationRequired c) o = core.confirm(slack(user), c.token(), progress);
    return o;
  }

  static String ok(String user, String text) {
    Outcome o = run(user, text);
    assertThat(o).as(text + " → " + TEXT.render(o)).isInstanceOf(Outcome.Succeeded.class);
    return TEXT.render(o);
  }

  /** A busybox container of this run, labelled with the run's scope; returns its id. */
  static String container(String name, boolean start, HostConfig host, String... command) {
    Map<String, String> labels = new HashMap<>(env.labels());
    labels.put("berth.scope", scope);
    var cmd = env.docker().createContainerCmd(TestEngine.BUSYBOX).withName(name).withLabels(labels)
        .withCmd(command.length == 0 ? new String[] {"sleep", "300"} : command);
    if (host != null) cmd.withHostConfig(host).withExposedPorts(ExposedPort.tcp(80));
    String id = cmd.exec().getId();
    if (start) env.docker().startContainerCmd(id).exec();
    return id;
  }

  static String state(String id) {
    return env.docker().inspectContainerCmd(id).exec().getState().getStatus();
  }

  @Test
  void pauseAndUnpausePrintTheNamesAndUnpausingTwiceIsDockersError() {
    String name = env.name("pause");
    String id = container(name, true, null);
    assertThat(ok("U_A", "pause " + name)).isEqualTo(name + "\n");
    assertThat(state(id)).isEqualTo("paused");
    assertThat(ok("U_A", "container unpause " + name)).isEqualTo(name + "\n");
    assertThat(state(id)).isEqualTo("running");
    // dockerd 20.10 answers 500 here (docker: rc 1, "Container … is not paused")
    assertThat(run("U_A", "unpause " + name)).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).isEqualTo("Container " + id + " is not paused"));
  }

  @Test
  void topListsTheProcessesAndTakesPsOptions() {
    String name = env.name("top");
    container(name, true, null, "sleep", "301");
    String table = ok("U_A", "top " + name);
    assertThat(table.lines().findFirst().orElseThrow()).contains("PID").contains("CMD");
    assertThat(table).contains("sleep 301");
    String custom = ok("U_A", "top " + name + " -o pid,comm");
    assertThat(custom.lines().findFirst().orElseThrow()).matches("PID\\s+COMMAND");
    assertThat(custom).contains("sleep");
  }

  @Test
  void portPrintsDockersLines() {
    String name = env.name("port");
    HostConfig host = HostConfig.newHostConfig().withPortBindings(
        new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(80)));
    container(name, true, host);
    assertThat(ok("U_A", "port " + name)).matches("80/tcp -> 127\\.0\\.0\\.1:\\d+\n");
    assertThat(ok("U_A", "port " + name + " 80/tcp")).matches("127\\.0\\.0\\.1:\\d+\n");
    assertThat(run("U_A", "port " + name + " 81")).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).isEqualTo("No public port '81/tcp' published for " + name));
  }

  @Test
  void renameKeepsANameScopedContainerInScope() {
    String name = env.name("ren");
    String id = container(name, false, null, "true");
    assertThat(ok("U_N", "rename " + name + " " + name + "2")).isEmpty();
    assertThat(env.engine().resolveContainer(id).name()).isEqualTo(name + "2");
    assertThat(run("U_N", "rename " + name + "2 elsewhere-" + scope)).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("policy scope"));
    assertThat(env.engine().resolveContainer(id).name()).isEqualTo(name + "2");
    assertThat(run("U_A", "rename " + name + "2 bad/name")).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.kind()).isEqualTo(Failure.USAGE));
  }

  @Test
  void waitPrintsTheExitCode() {
    String name = env.name("wait");
    container(name, true, null, "sh", "-c", "sleep 1; exit 3");
    assertThat(ok("U_A", "wait " + name)).isEqualTo("3\n");
  }

  @Test
  void tagThenPushToTheLocalRegistryWithProgress() throws Exception {
    String repository = env.name("push");
    String target = TestRegistry.HOST + "/" + repository + ":1";
    try {
      assertThat(ok("U_A", "tag " + TestEngine.BUSYBOX + " " + target)).isEmpty();
      List<Progress> progress = new CopyOnWriteArrayList<>();
      Outcome pushed = run("U_A", "image push " + target, progress::add);
      assertThat(pushed).as(TEXT.render(pushed)).isInstanceOf(Outcome.Succeeded.class);
      assertThat(TEXT.render(pushed)).matches("1: digest: sha256:[0-9a-f]{64} size: \\d+\n");
      assertThat(progress).isNotEmpty();
      assertThat(run("U_A", "push " + TestRegistry.HOST + "/" + env.name("never") + ":1"))
          .isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message()).contains("does not exist"));
    } finally {
      new TestRegistry().delete(repository, "1");
      env.removeImage(target);
    }
  }

  @Test
  void eventsShowsAWindowAndAScopedUserOnlyTheirs() {
    String name = env.name("ev");
    String id = container(name, true, null, "true");
    Wait.until(() -> state(id).equals("exited"));
    String all = ok("U_A", "events --since 2m --filter container=" + name);
    assertThat(all).contains(" container create " + id).contains(" container start " + id).contains(" container die " + id);
    assertThat(all.lines()).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z container \\S+ " + id + " \\(.*"));
    assertThat(ok("U_A", "events --since 2m --filter container=" + name + " --filter event=die").lines()).hasSize(1);
    String scoped = ok("U_S", "events --since 2m");
    assertThat(scoped).contains(id);
    assertThat(scoped.lines()).allMatch(l -> l.contains(" container ") && l.contains("berth.scope=" + scope));
  }

  @Test
  void eventsFormatReadsTheEnginesMessages() {
    String name = env.name("evf");
    String id = container(name, true, null, "true");
    Wait.until(() -> state(id).equals("exited"));
    String die = ok("U_A", "events --since 2m --filter container=" + name + " --filter event=die "
        + "--format '{{.Type}} {{.Action}} {{.Actor.ID}} {{.Status}} {{.ID}} {{index .Actor.Attributes \"name\"}} {{.TimeNano}}'");
    assertThat(die).matches("container die " + id + " die " + id + " " + name + " \\d{19}\n");
    String json = ok("U_A", "events --since 2m --filter container=" + name + " --filter event=die --format '{{json .}}'");
    assertThat(json).startsWith("{\"status\":\"die\",\"id\":\"" + id + "\",\"from\":\"").contains("\"Type\":\"container\"")
        .contains("\"exitCode\":\"0\"").containsPattern("\"timeNano\":\\d{19}}\n$");
  }

  @Test
  void systemDfIsDockersTable() {
    String df = ok("U_A", "system df");
    assertThat(df.lines().toList()).hasSize(5);
    assertThat(df).startsWith("TYPE ").contains("\nImages ").contains("\nContainers ").contains("\nLocal Volumes ")
        .contains("\nBuild Cache ");
    assertThat(run("U_S", "system df")).isInstanceOf(Outcome.Failed.class);
  }

  @Test
  void containerPruneAsAScopedUserRemovesOnlyTheirStoppedContainers() {
    String stopped = container(env.name("pr-stopped"), false, null, "true");
    String running = container(env.name("pr-running"), true, null);
    String outsider = env.createOutsideBerth(env.name("pr-outsider"), "true"); // not labelled with the scope
    // isolation: scoped to this run's label (user sam), so only this run's containers can be reached
    String report = ok("U_S", "container prune --filter label=berth.scope=" + scope);
    assertThat(report).startsWith("Deleted Containers:\n").contains(stopped + "\n").doesNotContain(running)
        .doesNotContain(outsider).contains("\nTotal reclaimed space: ");
    assertThat(env.containers()).extracting(c -> c.getId()).contains(running, outsider).doesNotContain(stopped);
  }

  @Test
  void imagePruneRemovesADanglingImageNarrowedToThisRunsLabel() {
    String id = container(env.name("commit"), false, null, "true");
    String label = env.name("dangling");
    String image = env.docker().commitCmd(id).withLabels(Map.of("berth.test.build", label)).exec();
    // isolation: narrowed to a label only this run's image carries
    String report = ok("U_A", "image prune --filter label=berth.test.build=" + label);
    assertThat(report).startsWith("Deleted Images:\n").contains("deleted: " + image).contains("Total reclaimed space: ");
    assertThat(env.docker().listImagesCmd().withShowAll(true).exec()).noneMatch(i -> i.getId().equals(image));
  }

  @Test
  void managementFormsRunAndAreAuditedUnderTheCatalogName() {
    String name = env.name("ls");
    container(name, false, null, "true");
    assertThat(ok("U_A", "container ls -a --filter name=" + name)).contains(name);
    assertThat(ok("U_A", "image ls")).contains("berth-test/busybox");
    assertThat(audit.entries()).anySatisfy(e -> {
      assertThat(e.commandText()).isEqualTo("container ls -a --filter name=" + name);
      assertThat(e.action()).isEqualTo("ps");
    });
  }
}
