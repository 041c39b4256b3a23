package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.berth.core.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed flow end to end through the launcher: {@code ./berth docker run} of hello-world (this
 * test's own copy in the harness's registry) finds no local image, pulls it, runs it and prints the greeting; the
 * audit export shows the attempt; verify passes, then fails once a row is edited with sqlite3.
 */
class DockerCommandIT {
  @TempDir Path dir;
  Path config;
  TestEngine env;

  @BeforeEach
  void writeConfig() throws Exception {
    config = dir.resolve("berth.yml");
    Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\n");
    env = new TestEngine("app-it");
  }

  @AfterEach
  void removeWhatTheTestMade() {
    env.close();
  }

  record Result(int code, String out, String err) {}

  static Result berth(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void runOfAnImageOnlyInTheRegistryPullsRunsAndPrintsTheGreeting() throws Exception {
    String image = env.helloInRegistry("hello"); // hello-world under this test's own name: never local before
    Result r = berth("docker", "--config", config.toString(), "run", "--rm", image);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Hello from Docker!");
    assertThat(r.err()).contains("Unable to find image '" + image + "' locally");
    env.removeImage(image);

    Result export = berth("audit", "export", "--config", config.toString(), "--format", "jsonl");
    assertThat(export.code()).as(export.err()).isZero();
    List<String> lines = export.out().lines().filter(l -> l.contains("\"run\"")).toList();
    assertThat(lines).anyMatch(l -> l.contains("\"requested\"")).anyMatch(l -> l.contains("\"succeeded\""));
    String succeeded = lines.stream().filter(l -> l.contains("\"succeeded\"")).findFirst().orElseThrow();
    assertThat(succeeded).contains("\"cli\"").contains(System.getProperty("user.name")).containsPattern("\"duration_?[mM]s\"\\s*:\\s*\\d+");

    Result verify = berth("audit", "verify", "--config", config.toString());
    assertThat(verify.code()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("OK");

    Path db = dir.resolve("data").resolve("audit.db");
    int sqlite = run(List.of("sqlite3", db.toString(),
        "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;"
            + " UPDATE audit SET target = 'tampered' WHERE seq = (SELECT min(seq) FROM audit);"));
    assertThat(sqlite).isZero();
    Result tampered = berth("audit", "verify", "--config", config.toString());
    assertThat(tampered.code()).isEqualTo(1);
    assertThat(tampered.err()).contains("TAMPERED");
  }

  @Test
  void unknownContainerIsAClearErrorAndNonZeroExit() {
    String ghost = env.name("ghost");
    Result r = berth("docker", "--config", config.toString(), "stop", ghost);
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("No such container: " + ghost);
  }

  @Test
  void unreachableEngineSaysWhereItLookedAndExitsNonZero() throws Exception {
    Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\nengine:\n  endpoints:\n"
        + "    - name: local\n      host: unix://" + dir.resolve("no-such.sock") + "\n");
    Result r = berth("docker", "--config", config.toString(), "ps");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains(dir.resolve("no-such.sock").toString());
  }

  private static int run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
