package io.berth.core.command;

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
import java.util.function.Predicate;

/**
 * What an authorized request may use while it executes: the engine, the caller's scope, the
 * core's limits, the language (for help), the audit trail (for {@code audit}) and a progress sink.
 */
public record Execution(
    ContainerEngine engine,
    Predicate<ContainerSummary> inScope,
    CoreLimits limits,
    CommandLanguage language,
    AuditTrail audit,
    ProgressListener progress) {

  /** A container's name for output; the id itself when it is gone (e.g. removed with --rm meanwhile). */
  public String nameOf(String id) {
    try {
      return engine.resolveContainer(id).name();
    } catch (EngineException e) {
      return id;
    }
  }

  /** A build context must lie under a configured build root; anything else could read the host. */
  public Path buildDirectory(String given) {
    for (Path root : limits.buildRoots()) {
      Path candidate = root.resolve(given).toAbsolutePath().normalize();
      if (candidate.startsWith(root) && Files.isDirectory(candidate)) return candidate;
    }
    Path asGiven = Path.of(given).toAbsolutePath().normalize();
    for (Path root : limits.buildRoots()) {
      if (asGiven.startsWith(root) && Files.isDirectory(asGiven)) return asGiven;
    }
    throw new EngineException(Failure.INVALID, "build context \"" + given + "\" is not a directory under the build roots "
        + limits.buildRoots() + " (set build.roots in the configuration)");
  }
}
