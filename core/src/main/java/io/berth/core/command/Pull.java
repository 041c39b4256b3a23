package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.PullOutput;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pull [-q] IMAGE[:TAG]}: progress is streamed to the caller's progress sink (none with -q). */
public record Pull(String image, boolean quiet) implements DockerRequest {
  /** @throws ImageRef.InvalidReference for anything outside docker's reference grammar */
  public Pull {
    ImageRef.parse(image);
  }

  public Pull(String image) {
    this(image, false);
  }

  public static final CommandSpec<Pull> SPEC = new CommandSpec<>() {
    @Override public Class<Pull> type() { return Pull.class; }
    @Override public Grammar<Pull> grammar() { return new PullGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public Pull probe() { return new Pull("probe"); }
    @Override public String target(Pull r) { return r.image(); }
    @Override public List<String> images(Pull r) { return List.of(r.image()); }
    @Override public void describe(Pull r, Words w) { w.flag(r.quiet(), "-q").add(r.image()); }
    @Override public String consequence(Pull r, String target) { return "This will pull image " + target + "."; }

    @Override
    public PullOutput execute(Pull p, Execution x) {
      ImageRef ref = ImageRef.parse(p.image());
      ProgressListener progress = p.quiet() ? ProgressListener.IGNORE : x.progress();
      if (ref.tag() == null && ref.digest() == null) progress.on(new Progress.Line("Using default tag: latest"));
      return new PullOutput(p.image(), x.engine().pull(p.image(), progress), ref.qualified(), p.quiet());
    }
  };

  @Command(name = "pull", description = "Pull an image, showing progress.", customSynopsis = "pull [-q] IMAGE[:TAG]")
  static final class PullGrammar extends Grammar<Pull> {
    @Option(names = {"-q", "--quiet"}, description = "No progress: print only the image's reference.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image reference, e.g. localhost:5000/hello-world:latest.")
    String image;

    @Override
    public Pull toRequest(ArgumentReader in) {
      return new Pull(in.reference("IMAGE", image), quiet);
    }
  }
}
