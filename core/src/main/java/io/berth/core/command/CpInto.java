package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ContainerPath;
import io.berth.core.result.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code cp SRC CONTAINER:DEST}: a change to the container's files (operator), typed as {@code cp}
 * ({@link Cp.CpGrammar} decides the direction). SRC is the caller's own file or directory, or
 * {@code -} for a tar stream on stdin: only the CLI has either, so chat and the console refuse it.
 */
public record CpInto(String local, String container, String path) implements DockerRequest {
  public CpInto {
    container = Cp.container(container);
    path = Cp.containerPath(path);
    if (local == null || local.isEmpty()) throw new IllegalArgumentException("cp needs a SRC (a local path, or - for a tar stream)");
  }

  public static final CommandSpec<CpInto> SPEC = new CommandSpec<>() {
    @Override public Class<CpInto> type() { return CpInto.class; }
    @Override public Grammar<CpInto> grammar() { return new CpIntoGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public CpInto probe() { return new CpInto("-", "probe", "/probe"); }
    @Override public List<String> containers(CpInto r) { return List.of(r.container()); }
    @Override public CpInto pin(CpInto r, List<String> ids) { return new CpInto(r.local(), ids.get(0), r.path()); }
    @Override public void describe(CpInto r, Words w) { w.add(r.local()).add(r.container() + ":" + r.path()); }

    @Override
    public String consequence(CpInto r, String target) {
      return "This will copy " + (r.local().equals("-") ? "a tar stream" : r.local()) + " into container " + target
          + " at " + r.path() + ", replacing files of the same name.";
    }

    @Override
    public Cp.Copied execute(CpInto r, Execution x) {
      LocalFiles local = x.local().orElseThrow(() -> new EngineException(Failure.INVALID,
          "cp: copying into a container needs files of your own, and there are none here; use ./berth docker cp on the host"));
      Optional<ContainerPath> dest = x.engine().statPath(r.container(), r.path());
      if (r.local().equals("-")) {
        if (dest.isEmpty() || !dest.get().directory()) {
          throw new EngineException(Failure.INVALID, "destination \"" + x.nameOf(r.container()) + ":" + r.path()
              + "\" must be a directory");
        }
        x.engine().copyTo(r.container(), r.path(), local.stdin());
        return new Cp.Copied("");
      }
      if (!local.exists(r.local())) throw new EngineException(Failure.NOT_FOUND, "lstat " + r.local() + ": no such file or directory");
      boolean contentsOnly = r.local().endsWith("/.");
      String directory;
      String rootName;
      if (dest.isPresent() && dest.get().directory()) {
        directory = r.path();
        rootName = baseName(r.local());
      } else {
        if (dest.isPresent() && local.isDirectory(r.local())) {
          throw new EngineException(Failure.INVALID, "cannot copy a directory to a file: " + r.path());
        }
        if (dest.isEmpty() && r.path().endsWith("/")) {
          throw new EngineException(Failure.NOT_FOUND, "Could not find the file " + r.path() + " in container "
              + x.nameOf(r.container()));
        }
        directory = parentOf(r.path());
        rootName = baseName(r.path());
        contentsOnly = false;
      }
      try (InputStream tar = local.archive(r.local(), rootName, contentsOnly)) {
        x.engine().copyTo(r.container(), directory, tar);
      } catch (IOException e) {
        throw new EngineException(Failure.INTERNAL, "cp: reading " + r.local() + " stopped: " + e.getMessage());
      }
      return new Cp.Copied("");
    }
  };

  /** The last element of a path ({@code a/b/} → {@code b}, {@code a/.} → {@code a}). */
  static String baseName(String p) {
    String s = p;
    while (s.length() > 1 && (s.endsWith("/") || s.endsWith("/."))) s = s.endsWith("/") ? s.substring(0, s.length() - 1) : s.substring(0, s.length() - 2);
    int slash = s.lastIndexOf('/');
    return slash < 0 ? s : s.substring(slash + 1);
  }

  /** The directory holding a container path; {@code /} for a top-level or relative one-element path. */
  static String parentOf(String p) {
    String s = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    int slash = s.lastIndexOf('/');
    return slash <= 0 ? "/" : s.substring(0, slash);
  }

  /** The registration's name for copying in; typed, it is {@code cp} (this name parses the same). */
  @Command(name = "cp-into", description = "Copy a local file or tar stream into a container (typed as cp).",
      customSynopsis = "cp SRC|- CONTAINER:DEST")
  static final class CpIntoGrammar extends Grammar<CpInto> {
    @picocli.CommandLine.Parameters(index = "0", paramLabel = "SRC", description = "A local path, or - (a tar stream on stdin).")
    String source;

    @picocli.CommandLine.Parameters(index = "1", paramLabel = "CONTAINER:DEST", description = "Where in the container.")
    String destination;

    @Override
    public CpInto toRequest(ArgumentReader in) {
      Cp.CpGrammar cp = new Cp.CpGrammar();
      cp.source = source;
      cp.destination = destination;
      if (cp.toRequest(in) instanceof CpInto into) return into;
      throw in.error("cp-into copies into a container (SRC CONTAINER:DEST); to copy out of one, use cp");
    }
  }
}
