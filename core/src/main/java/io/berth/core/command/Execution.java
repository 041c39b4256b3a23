package io.berth.core.command;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditTrail;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.language.CommandLanguage;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CoreLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * What an authorized request may use while it executes: the engine, the caller's scope, the
 * core's limits, the language (for help), the audit trail with the records the caller may read
 * (for {@code audit}; scope holds there too) and a progress sink.
 */
public record Execution(
    ContainerEngine engine,
    Predicate<ContainerSummary> inScope,
    CoreLimits limits,
    CommandLanguage language,
    AuditTrail audit,
    Predicate<AuditEntry> visibleRecords,
    ProgressListener progress) {

  /** A container's name for output; the id itself when it is gone (e.g. removed with --rm meanwhile). */
  public String nameOf(String id) {
    try {
      return engine.resolveContainer(id).name();
    } catch (EngineException e) {
      return id;
    }
  }

  /**
   * A build context must lie under a configured build root; anything else could read the host.
   * "Under" is decided on real paths: a context that is (or passes through) a symbolic link
   * leading out of the roots is refused. Returns the real path, so nothing later follows a link.
   */
  public Path buildDirectory(String given) {
    for (Path root : limits.buildRoots()) {
      Path realRoot = realPath(root);
      if (realRoot == null) continue;
      for (Path candidate : List.of(root.resolve(given).toAbsolutePath().normalize(), Path.of(given).toAbsolutePath().normalize())) {
        if (!candidate.startsWith(root) || !Files.isDirectory(candidate)) continue;
        Path real = realPath(candidate);
        if (real != null && real.startsWith(realRoot)) return real;
        throw new EngineException(Failure.INVALID, "build context \"" + given + "\" is a symbolic link (or lies under one) "
            + "leading outside the build roots " + limits.buildRoots() + "; Berth builds only what lies inside them");
      }
    }
    throw new EngineException(Failure.INVALID, "build context \"" + given + "\" is not a directory under the build roots "
        + limits.buildRoots() + " (set build.roots in the configuration)");
  }

  /**
   * True when the caller's scope holds every container: it accepts even a container with no name
   * and no labels. Objects that belong to no container (image, network and volume events) are shown
   * only then.
   */
  public boolean unrestricted() {
    return inScope.test(new ContainerSummary("", "", "", "", "", List.of(), java.time.Instant.EPOCH, java.util.Map.of()));
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
