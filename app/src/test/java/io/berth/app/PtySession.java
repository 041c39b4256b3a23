package io.berth.app;

import static io.berth.app.EventsFollowIT.berthDocker;
import static io.berth.app.EventsFollowIT.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One {@code ./berth docker …} call on a real pseudo-terminal, Python's pty module playing the person
 * (drive-pty.py), and what the session left: the driver's report, what the terminal showed, the recordings. What
 * {@code exec -it} and {@code run -it} tests share; their assertions stay theirs.
 */
record PtySession(JsonNode report, String shown) {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A data dir of the test's own, the console off: the CLI alone. */
  static Path config(Path dir) throws Exception {
    return Files.writeString(dir.resolve("berth.yml"), "data:\n  dir: " + dir.resolve("data") + "\nweb:\n  enabled: false\n");
  }

  /**
   * Drives {@code berth docker ARGS} on a terminal and checks the driver itself did not fail. A fresh data dir says
   * once that it created its signing key: an installation's first call (a {@code ps} of nothing) comes first, so
   * that line is not the session's.
   */
  static PtySession drive(Path config, List<String> args, Map<String, String> environment) throws Exception {
    EventsFollowIT.run(command(berthDocker(config), List.of("ps", "-a", "--filter", "name=berth-first-call"))
        .toArray(String[]::new));
    Path driver = Path.of(PtySession.class.getResource("/terminal/drive-pty.py").toURI());
    List<String> drive = new ArrayList<>(List.of("python3", driver.toString()));
    drive.addAll(command(berthDocker(config), args));
    ProcessBuilder pb = new ProcessBuilder(drive).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().putAll(environment);
    Process p = pb.start();
    String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    JsonNode result = JSON.readTree(report);
    String shown = new String(Base64.getDecoder().decode(result.path("shown").asText()), StandardCharsets.UTF_8);
    assertThat(result.has("failed")).as(result.path("failed").asText() + "; the terminal showed: " + shown).isFalse();
    return new PtySession(result, shown);
  }

  int exit() {
    return report.path("exit").asInt();
  }

  /** The asciicast files the session left in the data dir. */
  static List<Path> recordings(Path config) throws Exception {
    try (Stream<Path> files = Files.list(config.resolveSibling("data").resolve("recordings"))) {
      return files.filter(f -> f.toString().endsWith(".cast")).toList();
    }
  }

  /** The events of a recording after its header, as [time, kind, data]. */
  static List<JsonNode> events(Path cast) throws Exception {
    List<String> lines = Files.readAllLines(cast, StandardCharsets.UTF_8);
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) events.add(JSON.readTree(line));
    return events;
  }

  /** What a replay of the recording shows: its output events in order. */
  static String replayedOutput(Path cast) throws Exception {
    StringBuilder replay = new StringBuilder();
    for (JsonNode event : events(cast)) if (event.get(1).asText().equals("o")) replay.append(event.get(2).asText());
    return replay.toString();
  }
}
