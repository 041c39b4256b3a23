package io.berth.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run behind the launcher's class-data archive ({@code app/target/berth.jsa}): the calls
 * people make most, in one JVM started with {@code -XX:ArchiveClassesAtExit}, so the archive holds
 * the classes they load and later calls map them instead of loading them (docs/benchmarks.md).
 *
 * <p>It changes nothing anyone can see: the configuration, audit trail and data directory are a
 * temporary directory it removes, output is discarded, and the one engine call is a read
 * ({@code ps -a} against the default endpoint; if none answers, its failure path is trained instead).
 */
final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("berth-cds-");
    try {
      String config = Files.writeString(dir.resolve("berth.yml"), "data: { dir: " + dir.resolve("data") + " }\n")
          .toString();
      PrintWriter discard = new PrintWriter(Writer.nullWriter());
      for (List<String> call : List.of(
          List.of("--version"),
          List.of("docker", "--config", config, "help"),
          List.of("docker", "--config", config, "help", "run"),
          List.of("docker", "--config", config, "ps", "--no-such-flag"),
          List.of("docker", "--config", config, "ps", "-a"),
          List.of("docker", "--config", config, "images"),
          List.of("config", "check", "--config", config),
          List.of("audit", "verify", "--config", config),
          List.of("audit", "export", "--config", config, "--format", "csv"))) {
        Main.run(discard, discard, call.toArray(String[]::new));
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }
}
