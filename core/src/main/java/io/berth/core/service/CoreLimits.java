package io.berth.core.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Bounds the core applies to every command, whatever the surface.
 *
 * @param runTimeout how long an attached {@code run} waits for the container to exit
 * @param execTimeout how long an {@code exec} may run
 * @param maxOutputBytes cap on run/exec output kept in a result
 * @param maxLogLines cap on lines a {@code logs} result carries (newest kept)
 * @param buildRoots directories a {@code build CONTEXT} path must lie under
 * @param confirmationTtl how long a confirmation token stays valid
 */
public record CoreLimits(
    Duration runTimeout,
    Duration execTimeout,
    int maxOutputBytes,
    int maxLogLines,
    List<Path> buildRoots,
    Duration confirmationTtl) {
  public static final CoreLimits DEFAULTS = new CoreLimits(
      Duration.ofMinutes(2), Duration.ofSeconds(60), 1 << 20, 10_000, List.of(Path.of("build")), Duration.ofMinutes(5));

  public CoreLimits {
    buildRoots = buildRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }
}
