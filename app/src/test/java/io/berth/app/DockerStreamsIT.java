package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.testing.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./berth docker} against the real engine as a docker user sees it: a container's stdout and stderr on
 * the process's stdout and stderr, docker's exit codes, attached output streamed as it arrives, and the byte
 * cap keeping head and tail with a marker saying how much was dropped.
 */
class DockerStreamsIT {
  @TempDir Path dir;
  Path config;
  TestEngine env;

  @BeforeEach
  void setUp() throws Exception {
    config = dir.resolve("berth.yml");
    Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\nengine:\n  maxOutputBytes: 2048\n");
    env = new TestEngine("streams-it");
  }

  @AfterEach
  void tearDown() {
    env.removeContainers();
    env.close();
  }

  record Result(int code, String out, String err) {}

  Result berth(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    return berth(out, err, args);
  }

  Result berth(Writer out, StringWriter err, String... args) {
    List<String> all = new ArrayList<>(List.of("docker", "--config", config.toString()));
    all.addAll(List.of(args));
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  String[] run(String... rest) {
    List<String> args = new ArrayList<>(List.of("run", "--rm", "-l", "berth.test=true", "--name",
        env.name("r" + System.nanoTime() % 100000)));
    args.addAll(List.of(rest));
    return args.toArray(String[]::new);
  }

  @Test
  void attachedRunKeepsTheContainersStreamsApartAndExitsWithItsCode() {
    Result r = berth(run(TestEngine.BUSYBOX, "sh", "-c", "echo out; echo err >&2; exit 3"));
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("out\n");
    assertThat(r.err()).isEqualTo("err\n");
  }

  @Test
  void execKeepsStreamsApartAndExitsWithTheProcessCodeAnd126WhenItCannotStart() {
    String name = env.name("ex");
    env.startOutsideBerth(name);
    Result r = berth("--yes", "exec", name, "sh", "-c", "echo o; echo e >&2; exit 4");
    assertThat(r.code()).as(r.err()).isEqualTo(4);
    assertThat(r.out()).isEqualTo("o\n");
    assertThat(r.err()).isEqualTo("e\n");

    Result missing = berth("--yes", "exec", name, "nosuchcmd");
    assertThat(missing.code()).as(missing.out() + missing.err()).isEqualTo(126);
    assertThat(missing.out() + missing.err()).contains("nosuchcmd").doesNotContain("[exit code");

    Result noDir = berth("--yes", "exec", "-w", "/nonexistent", name, "pwd");
    assertThat(noDir.code()).as(noDir.out() + noDir.err()).isEqualTo(126);
  }

  @Test
  void runOfACommandThatIsMissingExits127AndOfOneThatCannotBeInvoked126() {
    Result missing = berth(run(TestEngine.BUSYBOX, "nosuchcmd"));
    assertThat(missing.code()).as(missing.err()).isEqualTo(127);
    assertThat(missing.err()).contains("nosuchcmd");
    Result directory = berth(run(TestEngine.BUSYBOX, "/etc"));
    assertThat(directory.code()).as(directory.err()).isEqualTo(126);
    assertThat(env.containers()).as("--rm removes what could not start").isEmpty();
  }

  @Test
  void failuresExitLikeDocker() {
    String ghost = env.name("ghost");
    Result stop = berth("stop", ghost);
    assertThat(stop.code()).isEqualTo(1);
    assertThat(stop.err()).contains("No such container: " + ghost);

    Result rmForce = berth("--yes", "rm", "-f", ghost);
    assertThat(rmForce.code()).as("docker rm -f of a missing container succeeds").isZero();
    assertThat(rmForce.out()).isEmpty();

    Result rm = berth("--yes", "rm", ghost);
    assertThat(rm.code()).isEqualTo(1);

    Result noImage = berth(run("localhost:5000/" + env.name("nope") + ":1"));
    assertThat(noImage.code()).as(noImage.err()).isEqualTo(125);

    Result badFlag = berth("ps", "--bogus");
    assertThat(badFlag.code()).isEqualTo(125);

    Result badRef = berth("pull", "bad::ref");
    assertThat(badRef.code()).isEqualTo(1);
    assertThat(badRef.err()).contains("invalid reference format");
  }

  @Test
  void attachedOutputStreamsBeforeTheContainerExits() {
    List<Long> firstArrival = new ArrayList<>();
    Writer out = new Writer() {
      @Override
      public void write(char[] cbuf, int off, int len) {
        if (firstArrival.isEmpty() && new String(cbuf, off, len).contains("first")) firstArrival.add(System.nanoTime());
      }

      @Override
      public void flush() { }

      @Override
      public void close() { }
    };
    StringWriter err = new StringWriter();
    Result r = berth(out, err, run(TestEngine.BUSYBOX, "sh", "-c", "echo first; sleep 4; echo last"));
    long ended = System.nanoTime();
    assertThat(r.code()).as(err.toString()).isZero();
    assertThat(firstArrival).as("'first' was printed").hasSize(1);
    assertThat((ended - firstArrival.get(0)) / 1_000_000).as("ms between 'first' and the end").isGreaterThan(2500);
  }

  @Test
  void outputBeyondTheByteCapKeepsHeadAndTailAndSaysHowMuchWasDropped() {
    Result r = berth(run(TestEngine.BUSYBOX, "seq", "1", "3000"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("1\n2\n3\n").endsWith("2999\n3000\n");
    assertThat(r.out().length()).isLessThanOrEqualTo(2048);
    long total = java.util.stream.IntStream.rangeClosed(1, 3000).mapToLong(i -> (i + "\n").length()).sum();
    assertThat(r.err()).contains("[berth: " + String.format(java.util.Locale.ROOT, "%,d", total - 2048)
        + " bytes of output omitted here");
  }

  @Test
  void dockerHelpFlagIsHelp() {
    Result r = berth("--help");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("run").contains("exec").contains("logs");
  }

  @Test
  void logsPutTheContainersStderrOnStderr() throws Exception {
    String name = env.name("lg");
    env.startOutsideBerth(name, "sh", "-c", "echo out1; echo err1 >&2; echo out2; sleep 300");
    Result r = null;
    for (int i = 0; i < 50; i++) {
      r = berth("logs", name);
      if (r.out().contains("out2") && r.err().contains("err1")) break;
      Thread.sleep(100);
    }
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("out1\nout2\n");
    assertThat(r.err()).isEqualTo("err1\n");
  }

  @Test
  void pullPrintsTheFullReferenceLastOnStdout() {
    String image = env.helloInRegistry("pullref");
    Result r = berth("pull", image);
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo(image.contains(":") && image.lastIndexOf(':') > image.indexOf('/')
        ? image : image + ":latest");
    env.removeImage(image);
  }
}
