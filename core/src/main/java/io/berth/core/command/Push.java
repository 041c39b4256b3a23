package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Result;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code push [-q] NAME[:TAG]}: progress (none with {@code -q}, which prints only the reference, as docker does) goes to the caller's progress sink as with {@code pull}; the
 * result is docker's last line ({@code 1: digest: sha256:… size: 525}). Credentials are the
 * engine's own (Berth passes none), so only registries the engine may already push to work.
 */
public record Push(String image, boolean quiet) implements DockerRequest {
  /** @throws ImageRef.InvalidReference for anything outside docker's grammar (an id cannot be pushed) */
  public Push {
    ImageRef.parse(image);
  }

  public Push(String image) {
    this(image, false);
  }

  public record Pushed(String image, String status) implements Result {
    @Override
    public String text(PlainTextRenderer r) {
      return status + "\n";
    }
  }

  public static final CommandSpec<Push> SPEC = new CommandSpec<>() {
    @Override public Class<Push> type() { return Push.class; }
    @Override public Grammar<Push> grammar() { return new PushGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Push probe() { return new Push("probe"); }
    @Override public String target(Push r) { return r.image(); }
    @Override public List<String> images(Push r) { return List.of(r.image()); }
    @Override public void describe(Push r, Words w) { w.flag(r.quiet(), "-q").add(r.image()); }
    @Override public String consequence(Push r, String target) { return "This will push image " + target + "."; }
    @Override
    public Pushed execute(Push r, Execution x) {
      if (!r.quiet()) return new Pushed(r.image(), x.engine().push(r.image(), x.progress()));
      x.engine().push(r.image(), io.berth.core.result.ProgressListener.IGNORE);
      return new Pushed(r.image(), ImageRef.parse(r.image()).qualified());
    }
  };

  @Command(name = "push", description = "Upload an image to a registry, showing progress.", customSynopsis = "push [-q] NAME[:TAG]")
  static final class PushGrammar extends Grammar<Push> {
    @Option(names = {"-q", "--quiet"}, description = "No progress: print only the image's reference.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "NAME[:TAG]", description = "Image reference, e.g. localhost:5000/app:1.")
    String image;

    @Override
    public Push toRequest(ArgumentReader in) {
      return new Push(in.reference("NAME", image), quiet);
    }
  }
}
