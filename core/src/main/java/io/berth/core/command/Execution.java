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
 * (for {@code audit}; scope holds there too), a progress sink, whether the caller sees
 * environment values ({@code revealEnv}: only a role that may {@code exec} — which could read them
 * with {@code exec env} anyway — sees them; everyone else gets them masked), the named volumes within
 * the caller's scope (as for {@code run -v}), and the caller's own files when the surface has them (CLI).
 */
public record Execution(
    ContainerEngine engine,
    Predicate<ContainerSummary> inScope,
    CoreLimits limits,
    CommandLanguage language,
    AuditTrail audit,
    Predicate<AuditEntry> visibleRecords,
    ProgressListener progress,
    boolean revealEnv,
    Predicate<io.berth.core.engine.VolumeUsage> volumeInScope,
    java.util.Optional<LocalFiles> local,
    java.util.function.BiFunction<String, String, java.util.Optional<String>> imageRefusal) {

  /** The same execution reporting progress to {@code sink} instead. */
  public Execution withProgress(ProgressListener sink) {
    return new Execution(engine, inScope, limits, language, audit, visibleRecords, sink, revealEnv, volumeInScope, local,
        imageRefusal);
  }

  /**
   * Refuses an image the policy's allowlist ({@code policy.run.images}) does not admit, for images a command learns
   * only while it runs (a compose file's): the decision could not see them.
   */
  public void checkImage(String action, String image) {
    imageRefusal.apply(action, image).ifPresent(why -> {
      throw new EngineException(Failure.INVALID, why);
    });
  }

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
    return under(limits.buildRoots(), given, Files::isDirectory, "build context \"" + given + "\"", "a directory",
        "build roots", "build.roots");
  }

  /**
   * The text of a {@code run --env-file/--label-file} file: a regular file under
   * {@code policy.run.fileRoots} (real paths, as for build contexts), UTF-8, at most
   * {@link #MAX_RUN_FILE_BYTES}. With no roots configured the flags are refused.
   */
  public String runFile(String flag, String given) {
    Path file = under(limits.fileRoots(), given, Files::isRegularFile, flag + " \"" + given + "\"", "a file",
        "file roots", "policy.run.fileRoots");
    try {
      if (Files.size(file) > MAX_RUN_FILE_BYTES) {
        throw new EngineException(Failure.INVALID, flag + " \"" + given + "\" is larger than " + MAX_RUN_FILE_BYTES + " bytes");
      }
      return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new EngineException(Failure.INVALID, flag + " \"" + given + "\" is not UTF-8 text");
    } catch (java.io.IOException e) {
      throw new EngineException(Failure.INVALID, flag + " \"" + given + "\" cannot be read: " + e.getMessage());
    }
  }

  /** Largest env or label file a run reads. */
  public static final long MAX_RUN_FILE_BYTES = 1 << 20;

  private static Path under(List<Path> roots, String given, Predicate<Path> kind, String what, String aKind, String rootsName,
      String setting) {
    for (Path root : roots) {
      Path realRoot = realPath(root);
      if (realRoot == null) continue;
      for (Path candidate : List.of(root.resolve(given).toAbsolutePath().normalize(), Path.of(given).toAbsolutePath().normalize())) {
        if (!candidate.startsWith(root) || !kind.test(candidate)) continue;
        Path real = realPath(candidate);
        if (real != null && real.startsWith(realRoot)) return real;
        throw new EngineException(Failure.INVALID, what + " is a symbolic link (or lies under one) "
            + "leading outside the " + rootsName + " " + roots + " (" + setting + "); Berth reads only what lies inside them");
      }
    }
    throw new EngineException(Failure.INVALID, what + " is not " + aKind + " under the " + rootsName + " "
        + roots + " (set " + setting + " in the configuration)");
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
