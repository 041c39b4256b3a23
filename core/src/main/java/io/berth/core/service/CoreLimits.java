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
 * @param fileRoots directories {@code run --env-file/--label-file} may read from ({@code policy.run.fileRoots})
 */
public record CoreLimits(
    Duration runTimeout,
    Duration execTimeout,
    int maxOutputBytes,
    int maxLogLines,
    List<Path> buildRoots,
    Duration confirmationTtl,
    List<Path> fileRoots) {
  public static final CoreLimits DEFAULTS = new CoreLimits(
      Duration.ofMinutes(2), Duration.ofSeconds(60), 1 << 20, 10_000, List.of(Path.of("build")), Duration.ofMinutes(5),
      List.of());

  public CoreLimits {
    buildRoots = buildRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    fileRoots = fileRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** Limits without file roots: {@code --env-file}/{@code --label-file} refused. */
  public CoreLimits(Duration runTimeout, Duration execTimeout, int maxOutputBytes, int maxLogLines, List<Path> buildRoots,
      Duration confirmationTtl) {
    this(runTimeout, execTimeout, maxOutputBytes, maxLogLines, buildRoots, confirmationTtl, List.of());
  }
}
