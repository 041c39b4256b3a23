package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.command.Ps;
import io.berth.core.command.Build;
import io.berth.core.command.Run;
import io.berth.core.engine.EngineException;
import io.berth.core.model.Subscription;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.OutputChunk;
import io.berth.core.result.Failure;
import io.berth.core.result.LogLine;
import io.berth.core.result.Progress;
import io.berth.core.testing.EngineProxy;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.Wait;
import io.berth.core.testing.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DockerJavaEngine against the real local engine: mapping, errors, streams. */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class DockerJavaEngineIT {
  static TestEngine env;
  static DockerJavaEngine engine;

  @BeforeAll
  static void setUp() {
    env = new TestEngine("engine-it");
    engine = env.engine();
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  private Run run(String suffix, boolean detach, String... command) {
    return new Run(TestEngine.BUSYBOX, env.name(suffix), detach, List.of(), List.of(), env.labels(), List.of(), "no",
        false, List.of(command), Run.HostAccess.NONE);
  }

  private String started(String suffix, String... command) {
    String id = engine.create(run(suffix, true, command));
    engine.start(id);
    return id;
  }

  @Test
  void pingReportsTheEngineVersion() {
    assertThat(engine.ping()).isNotBlank();
  }

  @Test
  void listFormatsPublishedPortsLikeDockerPsAndAppliesFilters() {
    Run withPort = new Run(TestEngine.BUSYBOX, env.name("ports"), true,
        List.of(new Run.PortBinding("127.0.0.1", null, 80, "tcp")), List.of(),
        Map.of("berth.test", "true", "team", "ps-" + env.prefix()), List.of(), "no", false,
        List.of("sleep", "300"), Run.HostAccess.NONE);
    String id = engine.create(withPort);
    engine.start(id);
    String stoppedId = engine.create(run("ps-stopped", false, "true"));

    List<ContainerSummary> running = engine.listContainers(false,
        List.of(new Ps.Filter("label", "team=ps-" + env.prefix())));
    assertThat(running).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(id);
      assertThat(c.name()).isEqualTo(env.name("ports"));
      assertThat(c.state()).isEqualTo("running");
      assertThat(c.status()).startsWith("Up");
      assertThat(c.ports()).singleElement().asString().matches("127\\.0\\.0\\.1:\\d+->80/tcp");
      assertThat(c.created()).isAfter(Instant.now().minusSeconds(120));
      assertThat(c.labels()).containsEntry("team", "ps-" + env.prefix());
    });
    assertThat(engine.listContainers(false, List.of(new Ps.Filter("name", env.name("ps-stopped"))))).isEmpty();
    assertThat(engine.listContainers(true, List.of(new Ps.Filter("name", env.name("ps-stopped")),
        new Ps.Filter("status", "created")))).extracting(ContainerSummary::id).containsExactly(stoppedId);
  }

  @Test
  void listingResolvingAndImagesOnAUnixSocketBuildNoDockerJavaCommandLayer() {
    String id = engine.create(run("light", false, "true"));
    try (DockerJavaEngine light = new DockerJavaEngine("light", "unix:///var/run/docker.sock")) {
      assertThat(light.listContainers(true, List.of(new Ps.Filter("name", env.name("light")))))
          .extracting(ContainerSummary::id).containsExactly(id);
      assertThat(light.resolveContainer(env.name("light")).id()).isEqualTo(id);
      assertThat(light.resolveContainer(id.substring(0, 12)).name()).isEqualTo(env.name("light"));
      assertThat(light.images(false, Map.of("reference", List.of(TestEngine.BUSYBOX))))
          .anySatisfy(i -> assertThat(i.tags()).contains(TestEngine.BUSYBOX));
      assertThat(light.commandLayerBuilt()).isFalse();
      assertThatThrownBy(() -> light.resolveContainer(env.name("light-missing")))
          .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.NOT_FOUND));
    }
  }

  @Test
  void killSendsTheSignalAndANotRunningContainerIsAConflict() {
    String id = started("kill", "sleep", "300");
    engine.kill(id, "SIGKILL");
    assertThat(engine.waitForExit(id, java.time.Duration.ofSeconds(20))).isEqualTo(137);
    assertThatThrownBy(() -> engine.kill(id, "SIGKILL"))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.CONFLICT))
        .hasMessageContaining("is not running");
  }

  @Test
  void resolvesByNameSlashNameIdAndUniquePrefix() {
    String id = engine.create(run("resolve", false, "true"));
    assertThat(engine.resolveContainer(env.name("resolve")).id()).isEqualTo(id);
    assertThat(engine.resolveContainer("/" + env.name("resolve")).id()).isEqualTo(id);
    assertThat(engine.resolveContainer(id).name()).isEqualTo(env.name("resolve"));
    assertThat(engine.resolveContainer(id.substring(0, 12)).id()).isEqualTo(id);
  }

  @Test
  void unknownContainerIsNotFoundWithDockersMessage() {
    assertThatThrownBy(() -> engine.resolveContainer(env.name("nope")))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.NOT_FOUND))
        .hasMessage("No such container: " + env.name("nope"));
    assertThatThrownBy(() -> engine.inspect(env.name("nope")))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.NOT_FOUND))
        .hasMessage("No such container: " + env.name("nope")); // the daemon's words, without docker-java's wrapping
  }

  @Test
  void ambiguousIdPrefixIsInvalidAndNamesTheCandidates() {
    List<String> ids = new ArrayList<>();
    String shared = null;
    for (int i = 0; i < 40 && shared == null; i++) {
      String id = engine.create(run("amb" + i, false, "true"));
      for (String other : ids) {
        if (other.charAt(0) == id.charAt(0)) shared = id.substring(0, 1);
      }
      ids.add(id);
    }
    assertThat(shared).as("two ids sharing a first hex digit").isNotNull();
    // other containers on the engine may share the digit too; the message must name ours
    String prefix = shared;
    assertThatThrownBy(() -> engine.resolveContainer(prefix))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.INVALID))
        .hasMessageStartingWith("ambiguous container prefix \"" + prefix + "\" matches: ");
  }

  @Test
  void createMapsEnvLabelsPortsVolumesAndRestartPolicy() {
    String volume = env.name("vol");
    Run spec = new Run(TestEngine.BUSYBOX, env.name("mapped"), true,
        List.of(new Run.PortBinding(null, null, 8080, "udp")),
        List.of(new Run.EnvVar("GREETING", "hi")), env.labels(),
        List.of(new Run.VolumeMount(volume, "/data", false)), "on-failure:3", false,
        List.of("sleep", "300"), Run.HostAccess.NONE);
    String id = engine.create(spec);
    ContainerDetails d = engine.inspect(id);
    assertThat(d.env()).contains("GREETING=hi");
    assertThat(d.summary().labels()).containsEntry("berth.test", "true");
    assertThat(d.restartPolicy()).isEqualTo("on-failure:3");
    assertThat(d.mounts()).contains(volume + ":/data");
    assertThat(d.command()).containsExactly("sleep", "300");
    engine.remove(id, true, true);
    env.docker().removeVolumeCmd(volume).exec();
  }

  @Test
  void badRestartPolicyIsInvalid() {
    Run spec = new Run(TestEngine.BUSYBOX, env.name("badrestart"), true, List.of(), List.of(), env.labels(), List.of(),
        "sometimes", false, List.of(), Run.HostAccess.NONE);
    assertThatThrownBy(() -> engine.create(spec))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.INVALID));
  }

  @Test
  void stopOfAStoppedContainerReportsNoChange() {
    String id = started("stop", "sleep", "300");
    assertThat(engine.stop(id, 1)).isTrue();
    assertThat(engine.stop(id, 1)).isFalse();
  }

  @Test
  void removingARunningContainerWithoutForceIsAConflict() {
    String id = started("rmconflict", "sleep", "300");
    assertThatThrownBy(() -> engine.remove(id, false, false))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.CONFLICT))
        .hasMessageContaining("running container");
  }

  @Test
  void logsSplitStreamsParseTimestampsAndHonourTailAndMaxLines() {
    String id = started("logs", "sh", "-c", "echo out1; echo err1 >&2; sleep 0.3; echo out2; echo out3");
    assertThat(engine.waitForExit(id, Wait.SOON)).isZero();

    List<LogLine> all = engine.logs(id, null, null, true, 100);
    assertThat(all).extracting(LogLine::text).containsExactlyInAnyOrder("out1", "err1", "out2", "out3");
    assertThat(all).filteredOn(l -> l.text().equals("err1")).singleElement()
        .extracting(LogLine::stream).isEqualTo(LogLine.Stream.STDERR);
    assertThat(all).allSatisfy(l -> assertThat(l.timestamp()).isNotNull());

    assertThat(engine.logs(id, 1, null, false, 100)).singleElement().satisfies(l -> {
      assertThat(l.text()).isEqualTo("out3");
      assertThat(l.timestamp()).isNull();
    });
    assertThat(engine.logs(id, null, null, false, 2)).extracting(LogLine::text).hasSize(2).contains("out3");
  }

  @Test
  void logsSinceDropsEarlierLines() throws Exception {
    String id = started("since", "sh", "-c", "echo early; sleep 2; echo late; sleep 300");
    Wait.until(() -> engine.logs(id, null, null, false, 10).size() == 2);
    List<LogLine> stamped = engine.logs(id, null, null, true, 10);
    Instant between = stamped.get(0).timestamp().plusMillis(1000);
    assertThat(engine.logs(id, null, between, false, 10)).extracting(LogLine::text).containsExactly("late");
  }

  @Test
  void execReturnsExitCodeAndSeparateStreams() {
    String id = started("exec", "sleep", "300");
    ExecOutput ok = engine.exec(id, List.of("sh", "-c", "echo $WHO in $(pwd); echo oops >&2"), Map.of("WHO", "me"), "/bin",
        Wait.SOON, 1 << 20);
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.stdout()).isEqualTo("me in /bin\n");
    assertThat(ok.stderr()).isEqualTo("oops\n");
    assertThat(ok.truncated()).isFalse();

    ExecOutput failed = engine.exec(id, List.of("sh", "-c", "exit 7"), Map.of(), null, Wait.SOON, 1 << 20);
    assertThat(failed.exitCode()).isEqualTo(7);
  }

  @Test
  void startAttachedStreamsEachStreamAsItArrivesAndReturnsTheExitCode() {
    String id = engine.create(run("attached", false, "sh", "-c", "echo one; echo two >&2; sleep 2; echo three; exit 5"));
    List<OutputChunk> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();
    long[] firstAt = new long[1];
    int code = engine.startAttached(id, c -> {
      if (firstAt[0] == 0) firstAt[0] = System.nanoTime();
      chunks.add(c);
    }, Duration.ofSeconds(60));
    long end = System.nanoTime();
    assertThat(code).isEqualTo(5);
    assertThat(chunks).filteredOn(c -> c.stream() == LogLine.Stream.STDOUT).extracting(OutputChunk::text)
        .containsExactly("one\n", "three\n");
    assertThat(chunks).filteredOn(c -> c.stream() == LogLine.Stream.STDERR).extracting(OutputChunk::text)
        .containsExactly("two\n");
    assertThat((end - firstAt[0]) / 1_000_000).as("first output arrived before the exit").isGreaterThan(1000);
  }

  @Test
  void startAttachedOfAnAutoRemovedContainerThatExitsAtOnceStillGetsItsOutputAndCode() {
    Run quick = new Run(TestEngine.BUSYBOX, env.name("quick"), false, List.of(), List.of(), env.labels(), List.of(),
        "no", true, List.of("sh", "-c", "echo bye; exit 2"), null);
    String id = engine.create(quick);
    StringBuilder out = new StringBuilder();
    assertThat(engine.startAttached(id, c -> out.append(c.text()), Duration.ofSeconds(60))).isEqualTo(2);
    assertThat(out).hasToString("bye\n");
  }

  @Test
  void startAttachedPastTheTimeoutFailsWithTimeoutAndLeavesItRunning() {
    String id = engine.create(run("attachedslow", false, "sh", "-c", "echo started; sleep 300"));
    StringBuilder out = new StringBuilder();
    assertThatThrownBy(() -> engine.startAttached(id, c -> out.append(c.text()), Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.TIMEOUT));
    assertThat(out).hasToString("started\n");
    assertThat(engine.resolveContainer(id).running()).isTrue();
  }

  @Test
  void execHandsOutputOverAsItArrives() {
    String id = started("execlive", "sleep", "300");
    List<OutputChunk> live = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecOutput out = engine.exec(id, List.of("sh", "-c", "echo o; echo e >&2"), Map.of(), null, Wait.SOON, 1 << 20,
        live::add);
    assertThat(live).containsExactlyInAnyOrder(OutputChunk.stdout("o\n"), OutputChunk.stderr("e\n"));
    assertThat(out.stdout()).isEqualTo("o\n");
  }

  @Test
  void execOutputBeyondTheCapIsTruncated() {
    String id = started("exectrunc", "sleep", "300");
    ExecOutput out = engine.exec(id, List.of("sh", "-c", "seq 1 5000"), Map.of(), null, Wait.SOON, 100);
    assertThat(out.truncated()).isTrue();
    assertThat(out.stdout().length()).isEqualTo(100);
    assertThat(out.stdout()).startsWith("1\n2\n3\n").endsWith("4999\n5000\n"); // head and tail
  }

  @Test
  void execThatOutlivesItsTimeoutFailsWithTimeout() {
    String id = started("exectimeout", "sleep", "300");
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> engine.exec(id, List.of("sleep", "300"), Map.of(), null, Duration.ofSeconds(1), 1024))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.TIMEOUT));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Wait.SOON); // far less than the 300 s sleep
  }

  @Test
  void waitForExitTimesOut() {
    String id = started("waittimeout", "sleep", "300");
    assertThatThrownBy(() -> engine.waitForExit(id, Duration.ofMillis(500)))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.TIMEOUT));
  }

  @Test
  void buildsAGzippedTarballAndTagsTheImage(@TempDir Path dir) throws IOException {
    String tag = env.name("tarball") + ":1";
    Path tar = dir.resolve("ctx.tar.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tar))) {
      out.write(TarWriter.singleFile("Dockerfile",
          TestEngine.dockerfile(tag, "CMD [\"echo\", \"from tar\"]").getBytes(StandardCharsets.UTF_8)));
    }
    List<Progress> progress = new CopyOnWriteArrayList<>();
    String second = env.name("tarball") + ":2";
    var out = engine.build(new Build(List.of(tag, second), new Build.Tarball(tar), null), tar, progress::add);
    assertThat(out.imageId()).isNotBlank();
    assertThat(out.log()).containsSubsequence("Successfully tagged " + tag, "Successfully tagged " + second);
    assertThat(engine.removeImage(second, false)).anyMatch(l -> l.equals("Untagged: " + second));
    assertThat(out.log()).anyMatch(l -> l.contains("Step 1/"));
    assertThat(progress).hasSizeGreaterThanOrEqualTo(out.log().size());
    assertThat(engine.imageExists(tag)).isTrue();
    assertThat(engine.removeImage(tag, false)).anyMatch(l -> l.equals("Untagged: " + tag));
  }

  @Test
  void buildErrorIsInvalidWithTheDaemonsMessageAndTheStepsCode(@TempDir Path dir) throws IOException {
    String tag = env.name("broken") + ":1";
    Files.writeString(dir.resolve("Dockerfile"), TestEngine.dockerfile(tag, "RUN exit 3"));
    assertThatThrownBy(() -> engine.build(new Build(tag, new Build.Directory(dir.toString())), dir, p -> {}))
        .isInstanceOfSatisfying(EngineException.class, e -> {
          assertThat(e.kind()).isEqualTo(Failure.INVALID);
          assertThat(e.status()).as("docker exits with the failed step's code").isEqualTo(3);
        })
        .hasMessageStartingWith("The command '/bin/sh -c exit 3' returned a non-zero code: 3");
  }

  @Test
  void pullReportsLayerProgressForLayersNotYetLocal(@TempDir Path dir) throws Exception {
    // a layer no one has locally: a file with random content, pushed to the registry, then untagged
    String image = TestRegistry.HOST + "/" + env.name("layers") + ":1";
    Files.writeString(dir.resolve("Dockerfile"), TestEngine.dockerfile(image, "COPY random.txt /random.txt"));
    Files.writeString(dir.resolve("random.txt"), java.util.UUID.randomUUID().toString().repeat(2000));
    engine.build(new Build(image, new Build.Directory(dir.toString())), dir, p -> {});
    env.push(image);
    env.removeImage(image); // by our tag: deletes our own chain (its label step is unique), never busybox

    List<Progress> progress = new CopyOnWriteArrayList<>();
    String status = engine.pull(image, progress::add);
    assertThat(status).isEqualTo("Status: Downloaded newer image for " + image);
    assertThat(progress).anyMatch(p -> p instanceof Progress.Layer l && l.status().equals("Pull complete"));
    assertThat(progress).anyMatch(p -> p instanceof Progress.Layer l && l.status().equals("Already exists"));
    assertThat(progress).anyMatch(p -> p instanceof Progress.Layer l && l.total() != null && l.total() > 0
        && l.current() != null);
    env.removeImage(image);
  }

  @Test
  void pullOfAMissingImageIsNotFound() {
    assertThatThrownBy(() -> engine.pull("localhost:5000/" + env.name("absent") + ":1", p -> {}))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.NOT_FOUND));
  }

  @Test
  void statsGivesOneSampleWithMemoryAndCpu() {
    String id = started("stats", "sleep", "300");
    var s = engine.stats(id);
    assertThat(s.name()).isEqualTo(env.name("stats"));
    assertThat(s.memoryUsageBytes()).isPositive();
    assertThat(s.memoryLimitBytes()).isPositive();
    assertThat(s.cpuPercent()).isGreaterThanOrEqualTo(0.0);
    assertThat(s.pids()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void statsPassNetworkIoThrough() {
    String id = started("stats-net", "sh", "-c", "ping -c 2 -W 1 172.17.0.1; sleep 300");
    var s = engine.stats(id);
    for (long deadline = System.nanoTime() + 20_000_000_000L; s.netRxBytes() < 2 * 84 && System.nanoTime() < deadline; ) {
      s = engine.stats(id); // the pings take a second
    }
    // two ICMP echo requests of 84 bytes each went out and their replies came back
    assertThat(s.netTxBytes()).isGreaterThanOrEqualTo(2 * 84);
    assertThat(s.netRxBytes()).isGreaterThanOrEqualTo(2 * 84);
    assertThat(s.blockReadBytes()).isGreaterThanOrEqualTo(0);
    assertThat(s.blockWriteBytes()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void unreachableEngineSaysWhereItLookedAndHowToFixIt() {
    try (DockerJavaEngine nowhere = new DockerJavaEngine("ghost", "unix:///tmp/" + env.name("no-such") + ".sock")) {
      assertThatThrownBy(nowhere::ping)
          .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.ENGINE_UNREACHABLE))
          .hasMessageContaining("unix:///tmp/" + env.name("no-such") + ".sock")
          .hasMessageContaining("DOCKER_HOST")
          .hasMessageContaining("dockerd");
    }
  }

  @Test
  void aMalformedHostIsInvalidNotACrash() {
    assertThatThrownBy(() -> new DockerJavaEngine("odd", "ftp://example"))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.INVALID))
        .hasMessageContaining("ftp://example");
  }

  @Test
  void worksOverTcpAndEventsSurviveTheEngineDroppingConnections() throws Exception {
    try (EngineProxy proxy = new EngineProxy(Path.of("/var/run/docker.sock"));
        DockerJavaEngine viaTcp = new DockerJavaEngine("tcp", proxy.host())) {
      assertThat(viaTcp.ping()).isNotBlank();
      List<ContainerEvent> seen = new CopyOnWriteArrayList<>();
      try (Subscription s = viaTcp.events(seen::add)) {
        String first = env.startOutsideBerth(env.name("ev1"), "sleep", "300");
        Wait.until(() -> seen.stream().anyMatch(e -> e.containerId().equals(first) && e.action().equals("start")));
        proxy.cutConnections(); // what a daemon restart does to the stream
        String second = env.startOutsideBerth(env.name("ev2"), "sleep", "300");
        Wait.until(() -> seen.stream().anyMatch(e -> e.containerId().equals(second) && e.action().equals("start")));
        assertThat(seen).filteredOn(e -> e.containerId().equals(first) && e.action().equals("start")).hasSize(1);
        assertThat(seen).filteredOn(e -> e.containerId().equals(second)).first()
            .extracting(ContainerEvent::name).isEqualTo(env.name("ev2"));
      }
    }
  }

  @Test
  void dieEventsCarryTheExitCode() throws Exception {
    List<ContainerEvent> seen = new CopyOnWriteArrayList<>();
    try (Subscription s = engine.events(seen::add)) {
      String id = env.startOutsideBerth(env.name("die"), "sh", "-c", "exit 4");
      Wait.until(() -> seen.stream().anyMatch(e -> e.containerId().equals(id) && e.action().equals("die")));
      assertThat(seen).filteredOn(e -> e.containerId().equals(id) && e.action().equals("die")).first()
          .extracting(ContainerEvent::exitCode).isEqualTo(4);
    }
  }


  /** Minimal ustar writer for one file: enough for a build context. */
  static final class TarWriter {
    static byte[] singleFile(String name, byte[] content) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] header = new byte[512];
      put(header, 0, name);
      put(header, 100, "0000644");
      put(header, 108, "0000000");
      put(header, 116, "0000000");
      put(header, 124, String.format("%011o", content.length));
      put(header, 136, String.format("%011o", Instant.now().getEpochSecond()));
      header[156] = '0';
      put(header, 257, "ustar");
      header[263] = '0';
      header[264] = '0';
      for (int i = 148; i < 156; i++) header[i] = ' ';
      long sum = 0;
      for (byte b : header) sum += b & 0xff;
      put(header, 148, String.format("%06o", sum));
      header[154] = 0;
      header[155] = ' ';
      out.write(header);
      out.write(content);
      out.write(new byte[(512 - content.length % 512) % 512]);
      out.write(new byte[1024]);
      return out.toByteArray();
    }

    private static void put(byte[] b, int at, String s) {
      byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(bytes, 0, b, at, bytes.length);
    }
  }
}
