package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Result;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code push NAME[:TAG]}: progress goes to the caller's progress sink as with {@code pull}; the
 * result is docker's last line ({@code 1: digest: sha256:… size: 525}). Credentials are the
 * engine's own (Berth passes none), so only registries the engine may already push to work.
 */
public record Push(String image) implements DockerRequest {
  /** @throws ImageRef.InvalidReference for anything outside docker's grammar (an id cannot be pushed) */
  public Push {
    ImageRef.parse(image);
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
    @Override public Optional<String> image(Push r) { return Optional.of(r.image()); }
    @Override public void describe(Push r, Words w) { w.add(r.image()); }
    @Override public String consequence(Push r, String target) { return "This will push image " + target + "."; }
    @Override public Pushed execute(Push r, Execution x) { return new Pushed(r.image(), x.engine().push(r.image(), x.progress())); }
  };

  @Command(name = "push", description = "Upload an image to a registry, showing progress.", customSynopsis = "push NAME[:TAG]")
  static final class PushGrammar extends Grammar<Push> {
    @Parameters(index = "0", paramLabel = "NAME[:TAG]", description = "Image reference, e.g. localhost:5000/app:1.")
    String image;

    @Override
    public Push toRequest(ArgumentReader in) {
      return new Push(in.reference("NAME", image));
    }
  }
}
