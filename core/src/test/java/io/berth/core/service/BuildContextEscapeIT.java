package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.command.Build;
import io.berth.core.command.Run;
import io.berth.core.model.Caller;
import io.berth.core.model.Source;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.RunOutput;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.PermissiveTestPolicy;
import io.berth.core.testing.SimpleTestLanguage;
import io.berth.core.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build context never takes files from outside itself: a symbolic link leading out is refused
 * (naming it), a context directory that is a link out of the build roots is refused, and a link
 * that stays inside reaches the image as a link, as the docker CLI sends it.
 */
class BuildContextEscapeIT {
  static final Caller CALLER = new Caller(Source.CLI, "tester", "Tester", null);
  static final String MARKER = "host-marker-" + UUID.randomUUID();

  @TempDir static Path buildRoot;
  /** Outside the build root, as /etc is: holds the marker nothing may put into an image. */
  static Path host;
  static TestEngine env;
  static CommandService core;

  @BeforeAll
  static void setUp() throws IOException {
    env = new TestEngine("sec-build");
    host = Files.createTempDirectory("berth-host-");
    core = new CommandService(new SimpleTestLanguage(), new PermissiveTestPolicy(), new InMemoryAuditTrail(), env.engine(),
        new CoreLimits(Duration.ofSeconds(30), Duration.ofSeconds(5), 64 * 1024, 1000, List.of(buildRoot),
            Duration.ofMinutes(5)), Clock.systemUTC());
    Files.writeString(host.resolve("marker"), MARKER + "\n");
    Files.writeString(host.resolve("Dockerfile"), TestEngine.dockerfile(env.name("host")));
  }

  @AfterAll
  static void tearDown() throws IOException {
    env.close();
    Files.delete(host.resolve("marker"));
    Files.delete(host.resolve("Dockerfile"));
    Files.delete(host);
  }

  /** A context under the build root: a Dockerfile copying everything to /ctx, plus greeting.txt. */
  static Path context(String name) throws IOException {
    Path ctx = Files.createDirectories(buildRoot.resolve(name));
    Files.writeString(ctx.resolve("Dockerfile"), TestEngine.dockerfile(env.name(name), "COPY . /ctx"));
    Files.writeString(ctx.resolve("greeting.txt"), "hello\n");
    return ctx;
  }

  static Outcome build(String tag, String dir) {
    return core.execute(CALLER, new Build(tag, new Build.Directory(dir)), null, p -> {});
  }

  /** Runs {@code sh -c script} in the image; returns its output. */
  static String runIn(String image, String script) {
    Outcome o = core.execute(CALLER, new Run(image, null, false, List.of(), List.of(), env.labels(), List.of(), "no", true,
        List.of("sh", "-c", script), Run.HostAccess.NONE), null, p -> {});
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    return ((RunOutput) ((Outcome.Succeeded) o).result()).output();
  }

  static void assertRefusedNaming(Outcome o, String tag, String link) {
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(Failure.INVALID);
      assertThat(f.message()).contains(link).contains("outside");
    });
    assertThat(env.engine().imageExists(tag)).as("no image built").isFalse();
  }

  @Test
  void aSymlinkToAHostDirectoryIsRefusedAndItsFilesStayOut() throws IOException {
    Path ctx = context("dir-link");
    Files.createSymbolicLink(ctx.resolve("etc"), host);
    String tag = env.name("dir-link") + ":1";
    Outcome o = build(tag, "dir-link");
    assertRefusedNaming(o, tag, "symbolic link etc -> " + host);
    assertThat(o.toString()).doesNotContain(MARKER);
  }

  @Test
  void aSymlinkToAHostFileIsRefused() throws IOException {
    Path ctx = context("file-link");
    Files.createDirectories(ctx.resolve("conf"));
    Files.createSymbolicLink(ctx.resolve("conf/shadow"), host.resolve("marker"));
    String tag = env.name("file-link") + ":1";
    assertRefusedNaming(build(tag, "file-link"), tag, "symbolic link conf/shadow -> " + host.resolve("marker"));
  }

  @Test
  void aRelativeSymlinkClimbingOutOfTheContextIsRefused() throws IOException {
    Path ctx = context("climb");
    Path up = ctx.relativize(host);
    Files.createSymbolicLink(ctx.resolve("up"), up);
    String tag = env.name("climb") + ":1";
    assertRefusedNaming(build(tag, "climb"), tag, "symbolic link up -> " + up);
    Files.delete(ctx.resolve("up"));
    Files.createSymbolicLink(buildRoot.resolve("hop"), host); // inside the root, pointing out
    Files.createSymbolicLink(ctx.resolve("via-hop"), Path.of("../hop"));
    assertRefusedNaming(build(tag, "climb"), tag, "symbolic link via-hop -> ../hop");
  }

  @Test
  void aContextDirectoryThatIsALinkOutOfTheBuildRootsIsRefused() throws IOException {
    Files.createSymbolicLink(buildRoot.resolve("linked"), host);
    String tag = env.name("linked") + ":1";
    Outcome o = build(tag, "linked");
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("build context \"linked\" is a symbolic link").contains("outside the build roots"));
    assertThat(env.engine().imageExists(tag)).isFalse();
  }

  @Test
  void aSymlinkInsideTheContextIsKeptAsALinkAndIgnoredFilesStayOut() throws IOException {
    Path ctx = context("inside");
    Files.createSymbolicLink(ctx.resolve("latest"), Path.of("greeting.txt"));
    Files.createDirectories(ctx.resolve("sub"));
    Files.createSymbolicLink(ctx.resolve("sub/back"), Path.of("../greeting.txt"));
    Files.writeString(ctx.resolve("secret.env"), "TOKEN=x\n");
    Files.writeString(ctx.resolve(".dockerignore"), "*.env\n");
    String tag = env.name("inside") + ":1";
    Outcome o = build(tag, "inside");
    assertThat(o).as("%s", o).isInstanceOf(Outcome.Succeeded.class);

    String out = runIn(tag, "readlink /ctx/latest; readlink /ctx/sub/back; cat /ctx/latest; ls /ctx");
    assertThat(out).startsWith("greeting.txt\n../greeting.txt\nhello\n").doesNotContain("secret.env");
  }
}
