package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.berth.core.testing.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./berth docker run} and {@code build} with docker's flags, against the real engine: what
 * the engine stores (container inspect, image labels) and what the CLI prints (build's log once, on
 * stdout; {@code -q} only the id), with secrets from files and build args kept out of the audit.
 */
class RunAndBuildFlagsIT {
  @TempDir Path dir;
  Path config;
  Path buildRoot;
  Path fileRoot;
  TestEngine env;

  @BeforeEach
  void writeConfig() throws Exception {
    buildRoot = Files.createDirectories(dir.resolve("builds"));
    fileRoot = Files.createDirectories(dir.resolve("files"));
    config = dir.resolve("berth.yml");
    Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\nbuild:\n  roots: [\"" + buildRoot + "\"]\n"
        + "policy:\n  run:\n    fileRoots: [\"" + fileRoot + "\"]\n");
    env = new TestEngine("flags-it");
  }

  @AfterEach
  void removeWhatTheTestMade() {
    env.close();
  }

  record Result(int code, String out, String err) {}

  Result berth(String... words) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[words.length + 4];
    args[0] = "docker";
    args[1] = "--config";
    args[2] = config.toString();
    args[3] = "--yes";
    System.arraycopy(words, 0, args, 4, words.length);
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  String auditExport() {
    StringWriter out = new StringWriter();
    Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
        new String[] {"audit", "export", "--config", config.toString(), "--format", "jsonl"});
    return out.toString();
  }

  @Test
  void runFlagsReachTheContainersConfiguration() {
    String name = env.name("settings");
    Result r = berth("run", "-d", "--name", name, "-l", "berth.test=true", "-w", "/tmp", "-u", "1000:1000",
        "--entrypoint", "sleep", "-m", "64m", "--memory-swap", "128m", "--cpus", "0.5", "--health-cmd", "true",
        "--health-interval", "1m30s", "--health-timeout", "5s", "--health-retries", "2", "--health-start-period", "1.5s",
        TestEngine.BUSYBOX, "30");
    assertThat(r.code()).as(r.err()).isZero();
    InspectContainerResponse c = env.docker().inspectContainerCmd(name).exec();
    assertThat(c.getConfig().getWorkingDir()).isEqualTo("/tmp");
    assertThat(c.getConfig().getUser()).isEqualTo("1000:1000");
    assertThat(c.getConfig().getEntrypoint()).containsExactly("sleep");
    assertThat(c.getHostConfig().getMemory()).isEqualTo(64L << 20);
    assertThat(c.getHostConfig().getMemorySwap()).isEqualTo(128L << 20);
    assertThat(c.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
    var health = c.getConfig().getHealthcheck();
    assertThat(health.getTest()).containsExactly("CMD-SHELL", "true");
    assertThat(health.getInterval()).isEqualTo(90_000_000_000L);
    assertThat(health.getTimeout()).isEqualTo(5_000_000_000L);
    assertThat(health.getRetries()).isEqualTo(2);
    assertThat(health.getStartPeriod()).isEqualTo(1_500_000_000L);

    String off = env.name("nohealth");
    assertThat(berth("run", "-d", "--name", off, "-l", "berth.test=true", "--no-healthcheck", "--entrypoint", "",
        TestEngine.BUSYBOX, "sleep", "30").code()).isZero();
    InspectContainerResponse o = env.docker().inspectContainerCmd(off).exec();
    assertThat(o.getConfig().getHealthcheck().getTest()).containsExactly("NONE");
    assertThat(o.getConfig().getEntrypoint()).isNullOrEmpty();
  }

  @Test
  void rootIsRefusedByDefaultAndNothingIsCreated() {
    String name = env.name("root");
    Result r = berth("run", "-d", "--name", name, "-l", "berth.test=true", "-u", "0", TestEngine.BUSYBOX, "true");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("policy.run.allowRootUser");
    assertThat(env.containers()).noneMatch(c -> List.of(c.getNames()).contains("/" + name));
  }

  @Test
  void anEnvFileUnderTheRootSetsVariablesWhoseValuesNeverReachTheAudit() throws Exception {
    Files.writeString(fileRoot.resolve("app.env"), "# comment\nAPP_SECRET=s3cr3t-in-file\n\nMODE=file\n");
    Files.writeString(fileRoot.resolve("labels"), "team=pay\n");
    String name = env.name("envfile");
    Result r = berth("run", "--rm", "--name", name, "-l", "berth.test=true", "--env-file", "app.env", "-e", "MODE=flag",
        "--label-file", "labels", TestEngine.BUSYBOX, "sh", "-c", "echo $APP_SECRET $MODE");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("s3cr3t-in-file flag");
    String audit = auditExport();
    assertThat(audit).contains("--env-file app.env").doesNotContain("s3cr3t-in-file");

    Files.writeString(dir.resolve("outside.env"), "X=s3cr3t-outside\n");
    Result outside = berth("run", "--rm", "-l", "berth.test=true", "--env-file", dir.resolve("outside.env").toString(),
        TestEngine.BUSYBOX, "env");
    assertThat(outside.code()).isNotZero();
    assertThat(outside.err()).contains("policy.run.fileRoots").doesNotContain("s3cr3t-outside");
  }

  @Test
  void buildPrintsItsLogOnceOnStdoutWithDockerfileBuildArgTargetAndLabel() throws Exception {
    String tag = env.name("built") + ":1";
    Path ctx = Files.createDirectories(buildRoot.resolve("ctx"));
    // two stages, each opening with its own unique step; the first is named "base" for --target
    String file = TestEngine.dockerfile(tag, "ARG MSG", "LABEL msg=$MSG").replaceFirst("\n", " AS base\n")
        + TestEngine.dockerfile(tag + "-final", "LABEL stage=final");
    Files.writeString(ctx.resolve("Dockerfile.alt"), file);
    Result r = berth("build", "-f", "Dockerfile.alt", "--build-arg", "MSG=s3cr3t-arg", "--target", "base", "--label", "via=berth",
        "-t", tag, ctx.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().split("Step 1/", -1)).hasSize(2);
    assertThat(r.out().split("Successfully tagged " + tag, -1)).hasSize(2);
    assertThat(r.err()).doesNotContain("Step 1/");
    var labels = env.docker().inspectImageCmd(tag).exec().getConfig().getLabels();
    assertThat(labels).containsEntry("msg", "s3cr3t-arg").containsEntry("via", "berth").doesNotContainKey("stage");
    assertThat(auditExport()).contains("--build-arg MSG=***").doesNotContain("s3cr3t-arg");

    Result quiet = berth("build", "-q", "-f", "Dockerfile.alt", "--build-arg", "MSG=s3cr3t-arg", "--target", "base",
        "--label", "via=berth", "-t", tag, ctx.toString());
    assertThat(quiet.code()).as(quiet.err()).isZero();
    assertThat(quiet.out()).matches("sha256:[0-9a-f]{64}\n");
    assertThat(quiet.err()).isEmpty();
    env.removeImage(tag);
  }

  @Test
  void buildWithoutATagPrintsTheIdAndADockerfileOutsideTheContextIsRefused() throws Exception {
    String tag = env.name("untagged") + ":1";
    Path ctx = Files.createDirectories(buildRoot.resolve("plain"));
    Files.writeString(ctx.resolve("Dockerfile"), TestEngine.dockerfile(tag, "LABEL plain=yes"));
    Result r = berth("build", ctx.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("Successfully built [0-9a-f]{12}").doesNotContain("Successfully tagged");
    // the same steps again, cached, now tagged: removing that tag removes the image the untagged build made
    assertThat(berth("build", "-t", tag, ctx.toString()).code()).isZero();
    env.removeImage(tag);

    Files.writeString(buildRoot.resolve("Dockerfile.up"), TestEngine.dockerfile(tag));
    Result escape = berth("build", "-f", "../Dockerfile.up", "-t", tag, ctx.toString());
    assertThat(escape.code()).isNotZero();
    assertThat(escape.err()).contains("-f ../Dockerfile.up lies outside the build context");
  }
}
