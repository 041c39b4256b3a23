package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.language.SecretMasking;
import io.berth.core.result.BuildOutput;
import io.berth.core.result.Failure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code build [-t NAME:TAG]... [-f DOCKERFILE] [--build-arg K=V]... CONTEXT}: CONTEXT is a directory
 * under a configured build root, or an uploaded tar archive (web uploads) already spooled to a
 * file. Without {@code -t} the image is built untagged (docker prints its id); with several, each is
 * applied, in order (and each meets the image allowlist).
 */
public record Build(List<String> tags, Context context, Options options) implements DockerRequest {
  public Build {
    Objects.requireNonNull(context, "context");
    tags = List.copyOf(new java.util.LinkedHashSet<>(tags)); // docker tags a name given twice once
    tags.forEach(ImageRef::parse);
    options = options == null ? Options.NONE : options;
  }

  /** {@code build [-t TAG] CONTEXT} with these options (no tag: null). */
  public Build(String tag, Context context, Options options) {
    this(tag == null ? List.of() : List.of(tag), context, options);
  }

  /** {@code build -t TAG CONTEXT} with no other options. */
  public Build(String tag, Context context) {
    this(tag, context, Options.NONE);
  }

  /** The first tag (what the console and prompts name), or null for an untagged build. */
  public String tag() {
    return tags.isEmpty() ? null : tags.get(0);
  }

  /** Where the build context comes from. */
  public sealed interface Context permits Directory, Tarball {}

  /** A directory as the user named it; the core resolves it against the build roots. */
  public record Directory(String path) implements Context {}

  /** An uploaded tar archive (optionally gzip-compressed). */
  public record Tarball(Path file) implements Context {}

  /**
   * {@code -f} (a Dockerfile inside the context; null: {@code Dockerfile}), {@code --build-arg}
   * (values are secrets as far as echoes and the audit go, like {@code -e}), {@code --target},
   * {@code --label}, {@code --no-cache}, {@code --pull}, {@code -q} (print only the image id).
   */
  public record Options(String dockerfile, Map<String, String> buildArgs, String target, Map<String, String> labels,
      boolean noCache, boolean pull, boolean quiet) {
    public static final Options NONE = new Options(null, Map.of(), null, Map.of(), false, false, false);

    public Options {
      buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
      labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    Options withDockerfile(String path) {
      return new Options(path, buildArgs, target, labels, noCache, pull, quiet);
    }
  }

  public static final CommandSpec<Build> SPEC = new CommandSpec<>() {
    @Override public Class<Build> type() { return Build.class; }
    @Override public Grammar<Build> grammar() { return new BuildGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public Build probe() { return new Build("probe:latest", new Directory(".")); }

    @Override
    public String target(Build r) {
      return !r.tags().isEmpty() ? String.join(" ", r.tags()) : r.context() instanceof Directory d ? d.path() : "(uploaded archive)";
    }

    @Override public List<String> images(Build r) { return r.tags(); }

    @Override
    public String consequence(Build r, String target) {
      return r.tags().isEmpty() ? "This will build an untagged image from " + target + "."
          : "This will build image" + (r.tags().size() > 1 ? "s " : " ") + target + ".";
    }

    @Override
    public boolean progressIsOutput(Build r) {
      return !r.options().quiet();
    }

    @Override
    public void describe(Build b, Words w) {
      Options o = b.options();
      b.tags().forEach(t -> w.option("-t", t));
      w.optional("-f", o.dockerfile());
      o.buildArgs().forEach((k, v) -> w.option("--build-arg", SecretMasking.maskAssignment(k + "=")));
      w.optional("--target", o.target());
      o.labels().forEach((k, v) -> w.option("--label", k + "=" + v));
      w.flag(o.noCache(), "--no-cache").flag(o.pull(), "--pull").flag(o.quiet(), "-q");
      w.add(b.context() instanceof Directory d ? d.path() : "(uploaded archive)");
    }

    @Override
    public BuildOutput execute(Build b, Execution x) {
      Execution quietly = b.options().quiet() ? x.withProgress(p -> {}) : x; // -q: only the id, like docker
      if (b.context() instanceof Tarball t) return quietly.engine().build(b, t.file(), quietly.progress());
      Path context = x.buildDirectory(((Directory) b.context()).path());
      Build resolved = new Build(b.tags(), b.context(), b.options().withDockerfile(dockerfileIn(context, b.options().dockerfile())));
      return quietly.engine().build(resolved, context, quietly.progress());
    }
  };

  /**
   * {@code -f}: a Dockerfile that is a regular file inside the context (real paths, so no link
   * leads out), as a path relative to it, which is how the engine takes it. Docker reads a path
   * outside the context on the client and sends it along; Berth reads only what lies under the
   * build roots, so that is refused. A relative path is read against the context (the server has no
   * working directory of the user's) and an absolute one must still lie inside it.
   */
  static String dockerfileIn(Path context, String given) {
    if (given == null) return null;
    Path candidate = context.resolve(given).normalize();
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (java.io.IOException | RuntimeException e) {
      throw new EngineException(Failure.INVALID, "build: -f " + given + " is not a file in the build context " + context);
    }
    if (!real.startsWith(context) || !Files.isRegularFile(real)) {
      throw new EngineException(Failure.INVALID, "build: -f " + given + " lies outside the build context " + context
          + "; Berth sends only the context, so the Dockerfile must be inside it");
    }
    return context.relativize(real).toString().replace('\\', '/');
  }

  /** docker's stage names: a letter, then letters, digits, - _ . */
  private static final Pattern STAGE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,127}");

  @Command(name = "build", description = "Build an image from a directory under a configured build root.",
      customSynopsis = "build [-t NAME[:TAG]]... [-f DOCKERFILE] [--build-arg KEY=VALUE]... [--target STAGE] [--label KEY=VALUE]... "
          + "[--no-cache] [--pull] [-q] CONTEXT")
  static final class BuildGrammar extends Grammar<Build> {
    @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]",
        description = "Name (and tag) of the image; repeatable (each is applied); without it the image is untagged.")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "DOCKERFILE", description = "Dockerfile inside the context (default: Dockerfile).")
    String file;

    @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "Set a build-time variable (masked in the audit trail); repeatable.")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Build up to this stage of a multi-stage Dockerfile.")
    String target;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set an image label; repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--no-cache", description = "Do not use the build cache.")
    boolean noCache;

    @Option(names = "--pull", description = "Always pull newer versions of the base images.")
    boolean pull;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image id.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "Directory with a Dockerfile, under a build root.")
    String context;

    @Override
    public Build toRequest(ArgumentReader in) {
      if (file != null && (file.isBlank() || file.chars().anyMatch(Character::isISOControl))) {
        throw in.error("bad -f \"" + file + "\"; name a Dockerfile inside the context, e.g. -f Dockerfile.prod");
      }
      Map<String, String> args = new LinkedHashMap<>();
      for (String a : buildArgs) {
        if (!a.contains("=")) {
          throw in.error("--build-arg " + a + " has no value; write --build-arg " + a + "=VALUE (Berth does not pass its own environment)");
        }
        String key = a.substring(0, a.indexOf('='));
        if (!io.berth.core.language.KeyValueFile.isEnvName(key)) {
          throw in.error("bad build-arg name \"" + key + "\"; names are letters, digits and _ (e.g. --build-arg VERSION=1)");
        }
        args.put(key, a.substring(a.indexOf('=') + 1));
      }
      if (target != null && !STAGE.matcher(target).matches()) {
        throw in.error("bad --target \"" + target + "\"; a stage name is a letter then letters, digits, - _ .");
      }
      Map<String, String> ls = new LinkedHashMap<>();
      labels.forEach(l -> in.label(l, ls));
      List<String> names = new ArrayList<>();
      for (String t : tags) names.add(in.reference("NAME:TAG", t));
      return new Build(names, new Directory(in.reference("CONTEXT", context)),
          new Options(file, args, target, ls, noCache, pull, quiet));
    }
  }
}
