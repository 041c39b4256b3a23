package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.BuildOutput;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code build -t NAME:TAG CONTEXT}: CONTEXT is a directory under a configured build root, or an
 * uploaded tar archive (web uploads) already spooled to a file.
 */
public record Build(String tag, Context context) implements DockerRequest {
  public Build {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(context, "context");
    ImageRef.parse(tag);
  }

  /** Where the build context comes from. */
  public sealed interface Context permits Directory, Tarball {}

  /** A directory as the user named it; the core resolves it against the build roots. */
  public record Directory(String path) implements Context {}

  /** An uploaded tar archive (optionally gzip-compressed). */
  public record Tarball(Path file) implements Context {}

  public static final CommandSpec<Build> SPEC = new CommandSpec<>() {
    @Override public Class<Build> type() { return Build.class; }
    @Override public Grammar<Build> grammar() { return new BuildGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public Build probe() { return new Build("probe:latest", new Directory(".")); }
    @Override public String target(Build r) { return r.tag(); }
    @Override public Optional<String> image(Build r) { return Optional.of(r.tag()); }
    @Override public String consequence(Build r, String target) { return "This will build image " + target + "."; }

    @Override
    public void describe(Build b, Words w) {
      w.option("-t", b.tag()).add(b.context() instanceof Directory d ? d.path() : "(uploaded archive)");
    }

    @Override
    public BuildOutput execute(Build b, Execution x) {
      if (b.context() instanceof Tarball t) return x.engine().build(b.tag(), t.file(), true, x.progress());
      Directory d = (Directory) b.context();
      return x.engine().build(b.tag(), x.buildDirectory(d.path()), false, x.progress());
    }
  };

  @Command(name = "build", description = "Build an image from a directory under a configured build root.",
      customSynopsis = "build -t NAME[:TAG] CONTEXT")
  static final class BuildGrammar extends Grammar<Build> {
    @Option(names = {"-t", "--tag"}, required = true, paramLabel = "NAME[:TAG]", description = "Name (and tag) of the image.")
    String tag;

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "Directory with a Dockerfile, under a build root.")
    String context;

    @Override
    public Build toRequest(ArgumentReader in) {
      return new Build(in.reference("NAME:TAG", tag), new Directory(in.reference("CONTEXT", context)));
    }
  }
}
