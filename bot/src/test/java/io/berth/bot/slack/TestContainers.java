package io.berth.bot.slack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Containers made by a test class: unique name prefix, label berth.test=true, removed at the end. */
final class TestContainers implements AutoCloseable {
  static final String IMAGE = "berth-test/busybox:latest";
  final String prefix = "berth-slack-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  String name(String suffix) {
    return prefix + suffix;
  }

  /** docker run -d (or attached when {@code detach} is false) with the test label; returns the name. */
  String run(String suffix, boolean detach, String... command) {
    List<String> args = new ArrayList<>(List.of("run", "--label", "berth.test=true", "--name", name(suffix)));
    if (detach) args.add("-d");
    args.add(IMAGE);
    args.addAll(List.of(command));
    DockerCli.Cli r = DockerCli.docker(args, Duration.ofMinutes(2));
    if (r.exit() != 0 && detach) throw new IllegalStateException("docker run failed: " + r.err());
    return name(suffix);
  }

  boolean exists(String name) {
    return DockerCli.docker(List.of("inspect", "--type", "container", name), Duration.ofSeconds(30)).exit() == 0;
  }

  @Override
  public void close() {
    DockerCli.Cli ids = DockerCli.docker(
        List.of("ps", "-aq", "--filter", "name=" + prefix, "--filter", "label=berth.test=true"), Duration.ofSeconds(30));
    for (String id : ids.out().split("\\s+")) {
      if (!id.isBlank()) DockerCli.docker(List.of("rm", "-f", id), Duration.ofSeconds(30));
    }
  }
}
