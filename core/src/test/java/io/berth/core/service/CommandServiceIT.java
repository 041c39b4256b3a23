package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.command.Build;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Exec;
import io.berth.core.command.Images;
import io.berth.core.command.Inspect;
import io.berth.core.command.Logs;
import io.berth.core.command.Ps;
import io.berth.core.command.Pull;
import io.berth.core.command.Restart;
import io.berth.core.command.Rm;
import io.berth.core.command.Rmi;
import io.berth.core.command.Run;
import io.berth.core.command.Start;
import io.berth.core.command.Stats;
import io.berth.core.command.Stop;
import io.berth.core.model.Caller;
import io.berth.core.model.Source;
import io.berth.core.model.Subscription;
import io.berth.core.result.BuildOutput;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.Failure;
import io.berth.core.result.ImageList;
import io.berth.core.result.ImageRemoved;
import io.berth.core.result.LogLine;
import io.berth.core.result.LogOutput;
import io.berth.core.result.Outcome;
import io.berth.core.result.Progress;
import io.berth.core.result.PullOutput;
import io.berth.core.result.Result;
import io.berth.core.result.OutputChunk;
import io.berth.core.result.RunOutput;
import io.berth.core.result.StatsSnapshot;
import io.berth.core.result.StatsTable;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.PermissiveTestPolicy;
import io.berth.core.testing.SimpleTestLanguage;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Every command through CommandService.execute, on the real local engine. */
@Execution(ExecutionMode.CONCURRENT)
class CommandServiceIT {
  static final Caller CALLER = new Caller(Source.CLI, "tester", "Tester", null);

  @TempDir static Path buildRoot;
  static TestEngine env;
  static InMemoryAuditTrail audit;
  static CommandService core;

  @BeforeAll
  static void setUp() {
    env = new TestEngine("core-it");
    audit = new InMemoryAuditTrail();
    // generous bounds: the machine may be loaded by other builds; only the timeout test wants a short one
    core = service(Duration.ofSeconds(120));
  }

  static CommandService service(Duration execTimeout) {
    CoreLimits limits = new CoreLimits(Duration.ofSeconds(120), execTimeout, 64 * 1024, 1000, List.of(buildRoot),
        Duration.ofMinutes(5));
    return new CommandService(new SimpleTestLanguage(), new PermissiveTestPolicy(), audit, env.engine(), limits,
        Clock.systemUTC());
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  static Outcome exec(DockerRequest request) {
    return core.execute(CALLER, request, null, p -> {});
  }

  @SuppressWarnings("unchecked")
  static <T extends Result> T ok(DockerRequest request, Class<T> type) {
    Outcome o = exec(request);
    assertThat(o).as("%s", request).isInstanceOf(Outcome.Succeeded.class);
    return type.cast(((Outcome.Succeeded) o).result());
  }

  static Outcome.Failed failed(DockerRequest request) {
    Outcome o = exec(request);
    assertThat(o).as("%s", request).isInstanceOf(Outcome.Failed.class);
    return (Outcome.Failed) o;
  }

  static Run run(String name, boolean detach, boolean rm, String... command) {
    return new Run(TestEngine.BUSYBOX, name, detach, List.of(), List.of(), env.labels(), List.of(), "no", rm,
        List.of(command), Run.HostAccess.NONE);
  }

  static String detached(String suffix, String... command) {
    return ok(run(env.name(suffix), true, false, command), RunOutput.class).containerId();
  }

  @Test
  void psAllListsStoppedContainersAndFilters() {
    String up = detached("ps-up", "sleep", "300");
    String created = ok(run(env.name("ps-done"), false, false, "true"), RunOutput.class).containerId();

    List<ContainerSummary> running = ok(new Ps(false, List.of(new Ps.Filter("name", env.prefix() + "-ps-"))),
        ContainerList.class).containers();
    assertThat(running).extracting(ContainerSummary::id).containsExactly(up);

    List<ContainerSummary> all = ok(new Ps(true, List.of(new Ps.Filter("name", env.prefix() + "-ps-"),
        new Ps.Filter("label", "berth.test=true"))), ContainerList.class).containers();
    assertThat(all).extracting(ContainerSummary::id).containsExactlyInAnyOrder(up, created);

    assertThat(ok(new Ps(true, List.of(new Ps.Filter("name", env.prefix() + "-ps-"), new Ps.Filter("status", "exited"))),
        ContainerList.class).containers()).extracting(ContainerSummary::name).containsExactly(env.name("ps-done"));
  }

  @Test
  void runDetachedReturnsTheIdOfARunningContainer() {
    RunOutput out = ok(run(env.name("detached"), true, false, "sleep", "300"), RunOutput.class);
    assertThat(out.detached()).isTrue();
    assertThat(out.name()).isEqualTo(env.name("detached"));
    assertThat(env.engine().resolveContainer(out.containerId()).state()).isEqualTo("running");
  }

  @Test
  void runAttachedReturnsEachStreamApartAndTheExitCode() {
    List<Progress> progress = new CopyOnWriteArrayList<>();
    Outcome o = core.execute(CALLER, run(env.name("attached"), false, false, "sh", "-c",
        "echo hello; echo bad >&2; exit 3"), null, progress::add);
    RunOutput out = (RunOutput) ((Outcome.Succeeded) o).result();
    assertThat(out.exitCode()).isEqualTo(3);
    assertThat(out.streams().stdout()).isEqualTo("hello\n");
    assertThat(out.streams().stderr()).isEqualTo("bad\n");
    assertThat(out.name()).isEqualTo(env.name("attached"));
    assertThat(out.pulled()).isFalse();
    // the output also streamed as it arrived, on its streams
    assertThat(progress).filteredOn(p -> p instanceof Progress.Printed).extracting(p -> ((Progress.Printed) p).chunk())
        .contains(OutputChunk.stdout("hello\n"), OutputChunk.stderr("bad\n"));
  }

  @Test
  void runPullsAnImageThatIsOnlyInTheRegistry() {
    // hello-world under a name only this test uses: no concurrent test or build can have, pull or remove it
    String image = env.helloInRegistry("hello-run");
    assertThat(env.engine().imageExists(image)).isFalse();

    List<Progress> progress = new CopyOnWriteArrayList<>();
    Outcome o = core.execute(CALLER, new Run(image, env.name("hello"), false, List.of(), List.of(), env.labels(),
        List.of(), "no", true, List.of(), Run.HostAccess.NONE), null, progress::add);
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    RunOutput out = (RunOutput) ((Outcome.Succeeded) o).result();
    assertThat(out.pulled()).isTrue();
    assertThat(out.output()).contains("Hello from Docker!");
    assertThat(out.exitCode()).isZero();
    assertThat(progress).anyMatch(p -> p instanceof Progress.Line l && l.text().contains("Unable to find image"));
    // layer records appear only for layers not already local (DockerJavaEngineIT covers them)
    assertThat(progress).anyMatch(p -> p instanceof Progress.Line l && l.text().contains("Pulling from"));
    assertThat(progress).anyMatch(p -> p instanceof Progress.Line l && l.text().startsWith("Status: Downloaded newer image"));
    env.removeImage(image);
  }

  @Test
  void runWithRmLeavesNoContainerBehind() {
    RunOutput out = ok(run(env.name("rm"), false, true, "echo", "gone"), RunOutput.class);
    assertThat(out.output()).isEqualTo("gone\n");
    assertThat(out.name()).isEqualTo(env.name("rm"));
    assertThat(gone(env.name("rm"))).isTrue();
  }

  /** docker inspect of a missing container: {@code []} and "No such object" on stderr, rc 1. */
  private static boolean gone(String ref) {
    Outcome o = exec(new Inspect(ref));
    if (o instanceof Outcome.Failed f) return f.kind() == Failure.NOT_FOUND;
    return o instanceof Outcome.Succeeded s && s.result() != null && s.result().failed()
        && s.result().errors().stream().anyMatch(e -> e.contains("No such object"));
  }

  @Test
  void detachedRunWithRmIsRemovedByTheEngineOnExit() throws Exception {
    String id = ok(run(env.name("rm-d"), true, true, "true"), RunOutput.class).containerId();
    Wait.until(() -> gone(id));
  }

  @Test
  void startStopAndRestartChangeState() {
    String id = detached("cycle", "sleep", "300");
    ContainerChanged stopped = ok(new Stop(env.name("cycle"), 1), ContainerChanged.class);
    assertThat(stopped.changed()).isTrue();
    assertThat(stopped.name()).isEqualTo(env.name("cycle"));
    assertThat(env.engine().resolveContainer(id).state()).isEqualTo("exited");

    ContainerChanged again = ok(new Stop(env.name("cycle"), 1), ContainerChanged.class);
    assertThat(again.changed()).as("stop of a stopped container").isFalse();

    ok(new Start(id.substring(0, 12)), ContainerChanged.class);
    assertThat(env.engine().resolveContainer(id).state()).isEqualTo("running");

    Instant before = env.engine().inspect(id).startedAt();
    ok(new Restart(env.name("cycle"), 1), ContainerChanged.class);
    ContainerDetails after = env.engine().inspect(id);
    assertThat(after.summary().state()).isEqualTo("running");
    assertThat(after.startedAt()).isAfter(before);
  }

  @Test
  void rmRunningContainerWithoutForceIsRefusedAndWithForceWorks() {
    String id = detached("rm-running", "sleep", "300");
    Outcome.Failed refused = failed(new Rm(env.name("rm-running"), false, false));
    assertThat(refused.kind()).isEqualTo(Failure.CONFLICT);
    assertThat(refused.message()).contains("running container").contains("rm -f");
    assertThat(env.engine().resolveContainer(id).running()).isTrue();

    ContainerChanged removed = ok(new Rm(env.name("rm-running"), true, false), ContainerChanged.class);
    assertThat(removed.containerId()).isEqualTo(id);
    assertThat(gone(id)).isTrue();
  }

  @Test
  void logsHonourTailSinceAndTimestamps() throws Exception {
    String name = env.name("logs");
    detached("logs", "sh", "-c", "echo one; echo two; sleep 2; echo three; sleep 300");
    Wait.until(() -> ok(new Logs(name, null, null, false), LogOutput.class).lines().size() == 3);

    LogOutput tail = ok(new Logs(name, 2, null, false), LogOutput.class);
    assertThat(tail.lines()).extracting(LogLine::text).containsExactly("two", "three");
    assertThat(tail.lines()).allSatisfy(l -> assertThat(l.timestamp()).isNull());

    LogOutput stamped = ok(new Logs(name, null, null, true), LogOutput.class);
    assertThat(stamped.lines()).allSatisfy(l -> assertThat(l.timestamp()).isNotNull());
    Instant afterTwo = stamped.lines().get(1).timestamp().plusMillis(500);

    LogOutput since = ok(new Logs(name, null, afterTwo, false), LogOutput.class);
    assertThat(since.lines()).extracting(LogLine::text).containsExactly("three");
  }

  @Test
  void execReportsExitCodesAndSeparatesStderr() {
    String name = env.name("exec");
    detached("exec", "sleep", "300");
    ExecOutput ok = ok(new Exec(name, List.of("sh", "-c", "echo out; echo err >&2"), List.of(), null), ExecOutput.class);
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.stdout()).isEqualTo("out\n");
    assertThat(ok.stderr()).isEqualTo("err\n");

    ExecOutput bad = ok(new Exec(name, List.of("sh", "-c", "echo $SECRET; exit 5"),
        List.of(new Run.EnvVar("SECRET", "s3cr3t")), "/"), ExecOutput.class);
    assertThat(bad.exitCode()).isEqualTo(5);
    assertThat(bad.stdout()).isEqualTo("s3cr3t\n");
    assertThat(audit.entries()).extracting(AuditEntry::commandText).noneMatch(t -> t != null && t.contains("s3cr3t"));
  }

  @Test
  void execRunsAsTheUserGiven() {
    String name = env.name("exec-user");
    detached("exec-user", "sleep", "300");
    ExecOutput as = ok(new Exec(name, List.of("id"), List.of(), null, "1000:1001"), ExecOutput.class);
    assertThat(as.stdout()).startsWith("uid=1000 gid=1001");
    assertThat(ok(new Exec(name, List.of("id", "-u"), List.of(), null), ExecOutput.class).stdout()).isEqualTo("0\n");
  }

  @Test
  void execBeyondTheTimeoutFailsWithTimeout() {
    detached("exec-slow", "sleep", "300");
    Outcome o = service(Duration.ofSeconds(2)).execute(CALLER, new Exec(env.name("exec-slow"), List.of("sleep", "300"),
        List.of(), null), null, p -> {});
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.kind()).isEqualTo(Failure.TIMEOUT));
  }

  @Test
  void buildOfADirectoryUnderABuildRootTagsAnImageThatRuns() throws IOException {
    Path ctx = Files.createDirectories(buildRoot.resolve("hello-app"));
    String tag = env.name("built") + ":1";
    Files.writeString(ctx.resolve("Dockerfile"), TestEngine.dockerfile(tag,
        "COPY greeting.txt /greeting.txt", "CMD [\"cat\", \"/greeting.txt\"]"));
    Files.writeString(ctx.resolve("greeting.txt"), "built by berth\n");
    List<Progress> progress = new CopyOnWriteArrayList<>();

    Outcome o = core.execute(CALLER, new Build(tag, new Build.Directory("hello-app")), null, progress::add);
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    BuildOutput built = (BuildOutput) ((Outcome.Succeeded) o).result();
    assertThat(built.tag()).isEqualTo(tag);
    assertThat(progress).anyMatch(p -> p instanceof Progress.Line l && l.text().contains("COPY greeting.txt"));

    RunOutput ran = ok(new Run(tag, env.name("built-run"), false, List.of(), List.of(), env.labels(), List.of(), "no",
        true, List.of(), Run.HostAccess.NONE), RunOutput.class);
    assertThat(ran.output()).isEqualTo("built by berth\n");
    assertThat(ran.pulled()).isFalse();

    ImageRemoved removed = ok(new Rmi(tag, false), ImageRemoved.class);
    assertThat(removed.lines()).contains("Untagged: " + tag).anyMatch(l -> l.startsWith("Deleted: sha256:"));
  }

  @Test
  void buildContextOutsideTheBuildRootsIsRefused(@TempDir Path elsewhere) throws IOException {
    Files.writeString(elsewhere.resolve("Dockerfile"), TestEngine.dockerfile(env.name("escape") + ":1"));
    Outcome.Failed absolute = failed(new Build(env.name("escape") + ":1", new Build.Directory(elsewhere.toString())));
    assertThat(absolute.kind()).isEqualTo(Failure.INVALID);
    assertThat(absolute.message()).contains("build roots");
    Outcome.Failed dotdot = failed(new Build(env.name("escape") + ":1",
        new Build.Directory("../" + elsewhere.getFileName())));
    assertThat(dotdot.kind()).isEqualTo(Failure.INVALID);
    assertThat(env.engine().imageExists(env.name("escape") + ":1")).isFalse();
  }

  @Test
  void pullStreamsProgressAndReportsTheFinalStatus() {
    String image = env.helloInRegistry("hello-pull");
    List<Progress> progress = new CopyOnWriteArrayList<>();
    Outcome o = core.execute(CALLER, new Pull(image), null, progress::add);
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    PullOutput out = (PullOutput) ((Outcome.Succeeded) o).result();
    assertThat(out.status()).isEqualTo("Status: Downloaded newer image for " + image);
    assertThat(progress).anyMatch(p -> p instanceof Progress.Line l && l.text().startsWith("Status: "));
    assertThat(progress).anyMatch(p -> p instanceof Progress.Line l && l.text().startsWith("Digest: "));
    env.removeImage(image);
  }

  @Test
  void inspectShowsEnvironmentValuesToARoleThatMayExec() {
    // this fixture's caller may exec (and so could read them with `exec env`); a viewer's masking: InspectTest
    Run withSecret = new Run(TestEngine.BUSYBOX, env.name("inspect"), true, List.of(),
        List.of(new Run.EnvVar("DB_PASSWORD", "hunter2")), env.labels(), List.of(), "no", false,
        List.of("sleep", "300"), Run.HostAccess.NONE);
    ok(withSecret, RunOutput.class);
    ContainerDetails d = ok(new Inspect(env.name("inspect")), ContainerDetails.class);
    assertThat(d.env()).contains("DB_PASSWORD=hunter2");
    assertThat(d.summary().name()).isEqualTo(env.name("inspect"));
  }

  @Test
  void imagesListsTheTestImage() {
    ImageList images = ok(new Images(false), ImageList.class);
    assertThat(images.images()).anySatisfy(i -> {
      assertThat(i.tags()).contains(TestEngine.BUSYBOX);
      assertThat(i.sizeBytes()).isPositive();
    });
  }

  @Test
  void statsGivesMemoryForARunningContainer() {
    detached("stats", "sleep", "300");
    StatsSnapshot s = ok(new Stats(env.name("stats")), StatsSnapshot.class);
    assertThat(s.name()).isEqualTo(env.name("stats"));
    assertThat(s.memoryUsageBytes()).isPositive();
  }

  @Test
  void statsOfSeveralContainersAndOfEveryRunningOneCarryNetworkIo() {
    // the gateway answers pings, so the first container has sent and received bytes
    detached("stats-net", "sh", "-c", "ping -c 2 -W 1 172.17.0.1; sleep 300");
    detached("stats-idle", "sleep", "300");
    String net = env.name("stats-net");
    String idle = env.name("stats-idle");
    for (long deadline = System.nanoTime() + 20_000_000_000L;
        env.engine().stats(net).netRxBytes() < 2 * 84 && System.nanoTime() < deadline; ) {
      Thread.onSpinWait(); // each sample takes the engine about a second; the pings take one
    }
    StatsTable two = ok(new Stats(List.of(net, idle), null, false, "{{.Name}}|{{.NetIO}}|{{.MemUsage}}"), StatsTable.class);
    String text = two.text(new io.berth.core.render.PlainTextRenderer());
    assertThat(text.lines().toList()).hasSize(2);
    assertThat(text.lines().toList().get(0)).startsWith(net + "|").doesNotContain("|0B / 0B|").containsPattern("[KMG]iB / ");
    assertThat(text.lines().toList().get(1)).startsWith(idle + "|");
    assertThat(two.samples().get(0).netTxBytes()).isGreaterThanOrEqualTo(2 * 84);

    StatsTable all = ok(new Stats(List.of(), null, false, "{{.Name}}"), StatsTable.class);
    assertThat(all.text(new io.berth.core.render.PlainTextRenderer()).lines()).contains(net, idle);

    Outcome.Failed f = failed(new Stats(List.of(net, env.name("stats-ghost")), null, false, null));
    assertThat(f.kind()).isEqualTo(Failure.NOT_FOUND);
    assertThat(f.message()).contains("No such container: " + env.name("stats-ghost"));
  }

  @Test
  void rmiOfAnUnknownImageIsNotFound() {
    Outcome.Failed f = failed(new Rmi(env.name("no-image") + ":1", false));
    assertThat(f.kind()).isEqualTo(Failure.NOT_FOUND);
    assertThat(f.message()).contains("No such image");
  }

  @Test
  void unknownContainerIsNotFoundAndAudited() {
    Outcome.Failed f = failed(new Stop(env.name("ghost"), 1));
    assertThat(f.kind()).isEqualTo(Failure.NOT_FOUND);
    assertThat(f.message()).isEqualTo("No such container: " + env.name("ghost"));
    assertThat(audit.entries()).anySatisfy(e -> {
      assertThat(e.requestId()).isEqualTo(f.requestId());
      assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
    });
  }

  @Test
  void ambiguousIdPrefixIsInvalid() {
    List<String> ids = new ArrayList<>();
    String prefix = null;
    for (int i = 0; i < 40 && prefix == null; i++) {
      String id = env.createOutsideBerth(env.name("amb" + i), "true");
      for (String other : ids) {
        if (other.charAt(0) == id.charAt(0)) prefix = id.substring(0, 1);
      }
      ids.add(id);
    }
    assertThat(prefix).isNotNull();
    Outcome.Failed f = failed(new Inspect(prefix));
    assertThat(f.kind()).isEqualTo(Failure.INVALID);
    assertThat(f.message()).startsWith("ambiguous container prefix \"" + prefix + "\" matches: ");
  }

  @Test
  void aContainerStartedOutsideBerthArrivesAsAnEvent() throws Exception {
    List<ContainerEvent> events = new CopyOnWriteArrayList<>();
    Subscription s = core.watchEvents(CALLER, events::add).orElseThrow();
    try {
      String id = env.startOutsideBerth(env.name("outside"), "sleep", "300");
      Wait.until(() -> events.stream().anyMatch(e -> e.containerId().equals(id) && e.action().equals("start")));
      assertThat(events).filteredOn(e -> e.containerId().equals(id) && e.action().equals("start")).singleElement()
          .satisfies(e -> {
            assertThat(e.name()).isEqualTo(env.name("outside"));
            assertThat(e.attributes()).containsEntry("berth.test", "true");
          });
    } finally {
      s.close();
    }
  }

  @Test
  void everyExecutedCommandIsAuditedBeforeAndAfter() {
    Outcome o = exec(new Ps(false, List.of(new Ps.Filter("name", env.prefix()))));
    assertThat(audit.entries()).filteredOn(e -> e.requestId().equals(o.requestId()))
        .extracting(AuditEntry::outcome).containsExactly(AuditOutcome.REQUESTED, AuditOutcome.SUCCEEDED);
  }


}
