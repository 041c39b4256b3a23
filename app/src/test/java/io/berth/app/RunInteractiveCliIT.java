package io.berth.app;

import static io.berth.app.EventsFollowIT.berthDocker;
import static io.berth.app.EventsFollowIT.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./berth docker run -it IMAGE sh} on a real pseudo-terminal (drive-pty.py plays the person, as for
 * {@code exec -it}): a new container's shell takes what is typed, its size and resize, Ctrl-C, and its exit code
 * is ours; {@code --rm} leaves nothing; the session is recorded and audited as a run; without a terminal, docker's
 * refusal.
 */
class RunInteractiveCliIT {
  final TestEngine env = new TestEngine("run-it");
  @TempDir Path dir;

  @AfterEach
  void cleanUp() {
    env.close();
  }

  private Path config() throws Exception {
    return Files.writeString(dir.resolve("berth.yml"), "data:\n  dir: " + dir.resolve("data") + "\nweb:\n  enabled: false\n");
  }

  @Test
  void runItOnATerminalIsAnInteractiveRecordedShellAndRmLeavesNoContainer() throws Exception {
    Path config = config();
    String name = env.name("shell");
    // a fresh data dir says once that it created its signing key: an installation's first call, not the session's
    EventsFollowIT.run(command(berthDocker(config), List.of("ps", "-a", "--filter", "name=" + name)).toArray(String[]::new));

    Path driver = Path.of(getClass().getResource("/terminal/drive-pty.py").toURI());
    List<String> drive = new ArrayList<>(List.of("python3", driver.toString()));
    drive.addAll(command(berthDocker(config), List.of("run", "-it", "--rm", "--name", name, "-l", "berth.test=true",
        TestEngine.BUSYBOX, "sh")));
    ProcessBuilder pb = new ProcessBuilder(drive).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("DRIVE_EXIT", "5");
    Process p = pb.start();
    String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    JsonNode result = InteractiveExecCliIT.JSON.readTree(report);
    String shown = new String(Base64.getDecoder().decode(result.path("shown").asText()), StandardCharsets.UTF_8);
    assertThat(result.has("failed")).as(result.path("failed").asText() + "; the terminal showed: " + shown).isFalse();
    assertThat(result.path("exit").asInt()).as("the container's exit code, as ours").isEqualTo(5);
    assertThat(shown).contains("30 100", "40 120", "typed-42", "after-2");

    // --rm: gone when the session returned, as docker's
    String left = EventsFollowIT.run("docker", "ps", "-aq", "--filter", "name=" + name);
    assertThat(left.strip()).as("containers left by run -it --rm").isEmpty();

    Path recordings = dir.resolve("data").resolve("recordings");
    List<Path> casts;
    try (Stream<Path> files = Files.list(recordings)) {
      casts = files.filter(f -> f.toString().endsWith(".cast")).toList();
    }
    assertThat(casts).hasSize(1);
    StringBuilder replay = new StringBuilder();
    List<String> lines = Files.readAllLines(casts.get(0), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      JsonNode event = InteractiveExecCliIT.JSON.readTree(line);
      if (event.get(1).asText().equals("o")) replay.append(event.get(2).asText());
    }
    assertThat(replay.toString()).as("replayed output").isEqualTo(shown);
    String found = InteractiveExecCliIT.berth(config, "audit", "export", "--format", "jsonl", "--text", "typed-$((6*7))");
    assertThat(found).contains("terminal ended: exit code 5").contains(casts.get(0).getFileName().toString())
        .contains("run --name " + name);
  }

  @Test
  void withoutATerminalItRefusesAsDockerDoes() throws Exception {
    Path config = config();
    String name = env.name("notty");
    List<String> args = List.of("run", "-it", "--rm", "--name", name, "-l", "berth.test=true", TestEngine.BUSYBOX, "sh");
    InteractiveExecCliIT.Result docker = InteractiveExecCliIT.result(command(List.of("docker"), args));
    InteractiveExecCliIT.Result berth = InteractiveExecCliIT.result(command(berthDocker(config), args));
    assertThat(docker).isEqualTo(new InteractiveExecCliIT.Result(1, "", "the input device is not a TTY\n"));
    assertThat(berth).isEqualTo(docker);
  }
}
