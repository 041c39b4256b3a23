package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.testing.TestEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code events} without {@code --until} follows, as docker's does: {@code docker events} and
 * {@code ./berth docker events} run side by side with the same arguments, a container is made to
 * create, start, die and be destroyed, and both print the same lines as they happen; Ctrl-C (SIGINT)
 * ends both with the same status, Berth with nothing on stderr and its follow audited as a success.
 * (The conformance suite runs commands that end by themselves; this one ends only when stopped.)
 */
class EventsFollowIT {
  static final String FORMAT = "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}";
  final TestEngine env = new TestEngine("evf");
  final List<Process> started = new ArrayList<>();
  @TempDir Path dir;

  @AfterEach
  void cleanUp() {
    started.forEach(Process::destroyForcibly);
    env.close();
  }

  @Test
  void followsLikeDockerUntilCtrlC() throws Exception {
    Path config = Files.writeString(dir.resolve("berth.yml"), "data:\n  dir: " + dir.resolve("data") + "\nweb:\n  enabled: false\n");
    String name = env.name("followed");
    env.createOutsideBerth(name, "true"); // the filter names it, and Berth resolves a container it names before it starts
    String since = Long.toString(Instant.now().getEpochSecond() - 5);
    List<String> args = List.of("events", "--since", since, "--filter", "container=" + name, "--format", FORMAT);

    // a fresh data dir says once that it created its signing key: an installation's first call, not the follow's output
    run(command(berthDocker(config), List.of("ps", "-a", "--filter", "name=" + name)).toArray(String[]::new));

    Follower docker = follow(command(List.of("docker"), args));
    Follower berth = follow(command(berthDocker(config), args));
    // both are following once the container's create, replayed from --since, has arrived
    docker.awaitLine(name);
    berth.awaitLine(name);

    run("docker", "start", name); // start, die
    run("docker", "rm", "-f", name); // destroy
    String destroyed = "container destroy " + name;
    docker.awaitLine(destroyed);
    berth.awaitLine(destroyed);
    assertThat(berth.out()).as("the same lines, as they happened").isEqualTo(docker.out());
    assertThat(berth.out()).contains("container create " + name, "container start " + name, "container die " + name);

    int dockerStatus = docker.interrupt();
    int berthStatus = berth.interrupt();
    assertThat(berthStatus).as("exit status after Ctrl-C").isEqualTo(dockerStatus).isEqualTo(130);
    assertThat(berth.err()).as("Berth's stderr").isEmpty();
    String audit = run(command(List.of(java(), "-cp", classpath(), Main.class.getName()),
        List.of("audit", "export", "--config", config.toString(), "--format", "jsonl", "--action", "events")).toArray(String[]::new));
    assertThat(audit).as("the follow, audited").containsIgnoringCase("\"outcome\":\"succeeded\"").contains(name);
  }

  /** {@code ./berth docker …} as its own process, as the launcher runs it (test classes left out). */
  static List<String> berthDocker(Path config) {
    return List.of(java(), "-cp", classpath(), Main.class.getName(), "docker", "--config", config.toString());
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String classpath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(e -> !e.endsWith("test-classes") && !e.endsWith("-tests.jar"))
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  static List<String> command(List<String> head, List<String> args) {
    List<String> all = new ArrayList<>(head);
    all.addAll(args);
    return all;
  }

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }

  Follower follow(List<String> command) throws IOException {
    // A shell without job control starts background jobs with SIGINT ignored, and an ignored signal stays ignored
    // across exec (CI runs `.ci/run` that way): then neither docker nor the JVM would see Ctrl-C at all. Perl puts
    // SIGINT back to its default before exec'ing the follower (same pid), as an interactive terminal has it.
    List<String> withCtrlC = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "--"));
    withCtrlC.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(withCtrlC).redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().remove("BERTH_LOG_LEVEL");
    Process p = pb.start();
    started.add(p);
    return new Follower(p, drain(p.getInputStream()), drain(p.getErrorStream()));
  }

  /** Everything a stream printed so far, read on its own thread. */
  static ByteArrayOutputStream drain(InputStream in) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[4096];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          synchronized (sink) {
            sink.write(buffer, 0, n);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    });
    t.setDaemon(true);
    t.start();
    return sink;
  }

  record Follower(Process process, ByteArrayOutputStream stdout, ByteArrayOutputStream stderr) {
    String out() {
      synchronized (stdout) {
        return stdout.toString(StandardCharsets.UTF_8);
      }
    }

    String err() {
      synchronized (stderr) {
        return stderr.toString(StandardCharsets.UTF_8);
      }
    }

    void awaitLine(String part) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!out().contains(part) && System.nanoTime() < deadline) {
        assertThat(process.isAlive()).as("still following; stderr: " + err()).isTrue();
        Thread.sleep(50);
      }
      assertThat(out()).as("stderr: " + err()).contains(part);
    }

    /** Ctrl-C: SIGINT to the process, then its exit status. */
    int interrupt() throws Exception {
      run("kill", "-INT", Long.toString(process.pid()));
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended after SIGINT").isTrue();
      Thread.sleep(200); // the last bytes
      return process.exitValue();
    }
  }
}
