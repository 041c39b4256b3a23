package io.berth.app;

import static io.berth.app.EventsFollowIT.berthDocker;
import static io.berth.app.EventsFollowIT.classpath;
import static io.berth.app.EventsFollowIT.command;
import static io.berth.app.EventsFollowIT.java;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.core.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./berth docker exec -it} on a real pseudo-terminal (Python's pty module plays the person: drive-pty.py):
 * output, the terminal's size and its resize, Ctrl-C going to the container, the exit code; the session recorded
 * (its replay is what the terminal showed), found by what was typed, and covered by {@code audit verify}; without a
 * terminal, docker's refusal.
 */
class InteractiveExecCliIT {
  static final ObjectMapper JSON = PtySession.JSON;
  final TestEngine env = new TestEngine("tty-cli");
  @TempDir Path dir;

  @AfterEach
  void cleanUp() {
    env.close();
  }

  private Path config() throws Exception {
    return PtySession.config(dir);
  }

  @Test
  void aSessionOnATerminalIsInteractiveRecordedAndVerifiable() throws Exception {
    Path config = config();
    String name = env.name("shell");
    env.startOutsideBerth(name, "sleep", "600");
    PtySession session = PtySession.drive(config, List.of("--yes", "exec", "-it", name, "sh"), Map.of());
    String shown = session.shown();
    assertThat(session.exit()).as("the shell's exit code, as ours").isEqualTo(7);
    assertThat(shown).contains("30 100", "40 120", "typed-42", "after-2");

    // the recording replays what the terminal showed
    List<Path> casts = PtySession.recordings(config);
    assertThat(casts).hasSize(1);
    JsonNode header = JSON.readTree(Files.readAllLines(casts.get(0), StandardCharsets.UTF_8).get(0));
    assertThat(header.path("version").asInt()).isEqualTo(2);
    assertThat(header.path("width").asInt()).isEqualTo(100);
    assertThat(header.path("height").asInt()).isEqualTo(30);
    StringBuilder typed = new StringBuilder();
    boolean resized = false;
    for (JsonNode event : PtySession.events(casts.get(0))) {
      switch (event.get(1).asText()) {
        case "i" -> typed.append(event.get(2).asText());
        case "r" -> resized |= event.get(2).asText().equals("120x40");
        default -> { }
      }
    }
    assertThat(PtySession.replayedOutput(casts.get(0))).as("replayed output").isEqualTo(shown);
    assertThat(typed.toString()).contains("echo typed-$((6*7))\r", "\u0003", "exit 7\r");
    assertThat(resized).as("the resize is recorded").isTrue();

    // found by what was typed; the closing record has the numbers
    String found = berth(config, "audit", "export", "--format", "jsonl", "--text", "typed-$((6*7))");
    assertThat(found).contains("terminal ended: exit code 7").contains(casts.get(0).getFileName().toString())
        .contains("exec -it " + name + " sh");

    assertThat(berth(config, "audit", "verify")).contains("audit trail OK").contains("1 session recording(s) checked");
    Files.writeString(casts.get(0), Files.readString(casts.get(0)).replace("typed-42", "typed-43"));
    Process verify = new ProcessBuilder(command(List.of(java(), "-cp", classpath(), Main.class.getName()),
        List.of("audit", "verify", "--config", config.toString()))).redirectErrorStream(true).start();
    String out = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(verify.exitValue()).as(out).isNotZero();
    assertThat(out).contains(casts.get(0).getFileName().toString() + " was changed after its session ended");
  }

  @Test
  void withoutATerminalItRefusesAsDockerDoes() throws Exception {
    Path config = config();
    String name = env.name("notty");
    env.startOutsideBerth(name, "sleep", "600");
    Result docker = result(command(List.of("docker"), List.of("exec", "-it", name, "sh")));
    Result berth = result(command(berthDocker(config), List.of("exec", "-it", name, "sh")));
    assertThat(docker).isEqualTo(new Result(1, "", "the input device is not a TTY\n"));
    assertThat(berth).isEqualTo(docker);
  }

  record Result(int exit, String out, String err) {}

  /** Runs with stdin a pipe (no terminal), as a script would. */
  static Result result(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    var out = EventsFollowIT.drain(p.getInputStream());
    var err = EventsFollowIT.drain(p.getErrorStream());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);
    synchronized (out) {
      synchronized (err) {
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
      }
    }
  }

  static String berth(Path config, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(config.toString());
    return EventsFollowIT.run(command(List.of(java(), "-cp", classpath(), Main.class.getName()), all).toArray(String[]::new));
  }
}
