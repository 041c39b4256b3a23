package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a CLI user sees when commands fail: docker's own words, never a Java class name or a
 * library's stack trace (the terminal gets the process's stderr, logging included).
 */
class CliErrorOutputIT {
  @TempDir Path dir;
  Path config;
  final String suffix = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void config() throws Exception {
    config = dir.resolve("berth.yml");
    Files.createDirectories(dir.resolve("ctx"));
    Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\nbuild:\n  roots: [" + dir + "]\n");
  }

  /**
   * Runs {@code ./berth docker ARGS} as its own process, as the launcher does (the classpath minus
   * test classes, so Berth's own LoggingSetup applies), and returns everything on its stderr.
   */
  String stderrOf(String... args) throws Exception {
    String classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(e -> !e.endsWith("test-classes") && !e.endsWith("-tests.jar"))
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath, Main.class.getName(),
        "docker", "--config", config.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().remove("BERTH_LOG_LEVEL");
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", args) + ": " + err).isNotZero();
    return err;
  }

  @Test
  void aFailedPullShowsTheRegistrysWordsAndNoStackTrace() throws Exception {
    String err = stderrOf("pull", "localhost:5000/berth-nope-" + suffix + ":1");
    assertThat(err).contains("manifest").contains("not found");
    assertThat(err.lines()).noneMatch(l -> l.strip().startsWith("at ")).noneMatch(l -> l.contains("at com."));
  }

  @Test
  void aFailedPullShowsDockersErrorLineAndNoLogLine() throws Exception {
    String err = stderrOf("pull", "localhost:5000/berth-nope-" + suffix + ":1");
    List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as(err).noneMatch(l -> l.contains("ResultCallbackTemplate"))
        .noneMatch(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d+ .*")); // no log line of any level
    assertThat(lines.get(lines.size() - 1)).startsWith("Error: ").contains("manifest");
  }

  @Test
  void failingCommandsNameNoJavaClass() throws Exception {
    List<List<String>> failing = List.of(
        List.of("pull", "localhost:5000/Conf/UPPER"),
        List.of("pull", "localhost:5000/berth-nope-" + suffix + ":1"),
        List.of("run", "--rm", "localhost:5000/berth-nope-" + suffix + ":1"),
        List.of("--yes", "rmi", "berth-nope-" + suffix + ":1"), // isolation: an image no one has
        List.of("--yes", "rmi", "x/../../containers/berth-nope-" + suffix), // isolation: refused before any engine call
        List.of("logs", "berth-nope-" + suffix),
        List.of("--yes", "exec", "berth-nope-" + suffix, "ls"),
        List.of("build", "-t", "berth-nope-" + suffix + ":1", "ctx"),
        List.of("run", "--name", "../x", "berth-test/busybox:latest"));
    for (List<String> command : failing) {
      String err = stderrOf(command.toArray(String[]::new));
      assertThat(err).as(String.join(" ", command)).doesNotContain("com.github").doesNotContain("java.")
          .doesNotContain("Exception");
    }
  }
}
