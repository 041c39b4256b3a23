package io.berth.app;

import static io.berth.app.EventsFollowIT.berthDocker;
import static io.berth.app.EventsFollowIT.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.testing.TestEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./berth docker run -i} and {@code exec -i} without a TTY, stdin a pipe as in a script
 * ({@code echo hi | docker run -i --rm busybox cat}): the caller's stdin goes into the container and its end is the
 * container's end of input; the container's stdout and stderr come out on ours, apart and as they are printed; the
 * exit code is the container's (the exec'd process's).
 */
class StdinPipeCliIT {
  final TestEngine env = new TestEngine("stdin-i");
  @TempDir Path dir;
  Path config;

  @BeforeEach
  void configure() throws Exception {
    config = PtySession.config(dir);
    // a fresh data dir says once (on stderr) that it created its signing key: an installation's first call comes first
    EventsFollowIT.run(command(berthDocker(config), List.of("ps", "-a", "--filter", "name=berth-first-call"))
        .toArray(String[]::new));
  }

  @AfterEach
  void cleanUp() {
    env.close();
  }

  record Ran(int exit, byte[] out, String err) {
    String text() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  /** {@code ./berth docker ARGS} with {@code input} on its stdin (a pipe), then closed. */
  Ran berth(byte[] input, String... args) throws Exception {
    Process p = new ProcessBuilder(command(berthDocker(config), List.of(args))).start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    try (OutputStream in = p.getOutputStream()) {
      in.write(input);
    }
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("ended: " + String.join(" ", args)).isTrue();
    return new Ran(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
  }

  private static byte[] readAll(InputStream s) {
    try {
      return s.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private List<String> run(String... command) {
    List<String> all = new ArrayList<>(List.of("run", "-i", "--rm", "-l", "berth.test=true", "--name", env.name("r")));
    all.add(TestEngine.BUSYBOX);
    all.addAll(List.of(command));
    return all;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void echoIntoCatComesBackAndTheContainerIsGone() throws Exception {
    List<String> args = run("cat");
    Ran r = berth(bytes("hello\n"), args.toArray(String[]::new));
    assertThat(r.err()).isEmpty();
    assertThat(r.text()).isEqualTo("hello\n");
    assertThat(r.exit()).isZero();
    String left = EventsFollowIT.run("docker", "ps", "-aq", "--filter", "name=" + args.get(6));
    assertThat(left.strip()).as("--rm: nothing left").isEmpty();
  }

  @Test
  void theEndOfStdinIsTheEndOfTheContainersInput() throws Exception {
    Ran r = berth(bytes("a\nb\n"), run("wc", "-l").toArray(String[]::new));
    assertThat(r.text().strip()).isEqualTo("2");
    assertThat(r.exit()).isZero();
  }

  @Test
  void stdoutAndStderrStayApartAndTheExitCodeIsTheContainers() throws Exception {
    Ran r = berth(new byte[0], run("sh", "-c", "echo out; echo err >&2; exit 3").toArray(String[]::new));
    assertThat(r.text()).isEqualTo("out\n");
    assertThat(r.err()).isEqualTo("err\n");
    assertThat(r.exit()).isEqualTo(3);
  }

  @Test
  void outputStreamsWhileStdinIsStillOpen() throws Exception {
    // the container answers its first line before it is given any input: it must arrive while we still hold stdin
    Process p = new ProcessBuilder(command(berthDocker(config),
        run("sh", "-c", "echo ready; read x; echo got-$x"))).start();
    ByteArrayOutputStream out = EventsFollowIT.drain(p.getInputStream());
    ByteArrayOutputStream err = EventsFollowIT.drain(p.getErrorStream());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!shown(out).contains("ready") && System.nanoTime() < deadline) Thread.sleep(50);
    assertThat(shown(out)).as("streamed before stdin ended; stderr: " + shown(err)).isEqualTo("ready\n");
    try (OutputStream in = p.getOutputStream()) {
      in.write(bytes("line\n"));
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);
    assertThat(shown(out)).isEqualTo("ready\ngot-line\n");
    assertThat(p.exitValue()).isZero();
  }

  private static String shown(ByteArrayOutputStream s) {
    synchronized (s) {
      return s.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void megabytesGoThroughCatAndBackByteForByte() throws Exception {
    byte[] input = new byte[6 * 1024 * 1024];
    new Random(42).nextBytes(input);
    long started = System.nanoTime();
    Ran r = berth(input, run("cat").toArray(String[]::new));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(r.err()).isEmpty();
    assertThat(r.out().length).isEqualTo(input.length);
    assertThat(sha256(r.out())).isEqualTo(sha256(input));
    assertThat(r.exit()).isZero();
    System.out.println("[stdin-i] 6 MiB through run -i cat and back: " + ms + " ms (JVM start-up included)");
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void execIWritesAFileFromStdinThatReadsBack() throws Exception {
    String name = env.name("box");
    env.startOutsideBerth(name, "sleep", "600");
    Ran write = berth(bytes("line one\nline two\n"), "--yes", "exec", "-i", name, "sh", "-c", "cat > /piped");
    assertThat(write.err()).isEmpty();
    assertThat(write.exit()).isZero();
    Ran read = berth(new byte[0], "--yes", "exec", "-i", name, "cat", "/piped");
    assertThat(read.text()).isEqualTo("line one\nline two\n");
    assertThat(read.exit()).isZero();
    Ran failed = berth(bytes("x"), "--yes", "exec", "-i", name, "sh", "-c", "cat >/dev/null; echo bad >&2; exit 4");
    assertThat(failed.err()).isEqualTo("bad\n");
    assertThat(failed.exit()).as("the exec'd process's exit code").isEqualTo(4);
  }
}
