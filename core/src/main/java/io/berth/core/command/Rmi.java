package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ImageRemoved;
import io.berth.core.result.Result;
import io.berth.core.result.TargetsDone;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rmi [-f] IMAGE...}: every image is tried, as docker does. */
public record Rmi(List<String> images, boolean force) implements DockerRequest {
  /** @throws ImageRef.InvalidReference unless each is a reference or an image id by docker's grammar */
  public Rmi {
    images = List.copyOf(images);
    if (images.isEmpty()) throw new IllegalArgumentException("rmi needs an IMAGE");
    images.forEach(ImageRef::parseAny);
  }

  public Rmi(String image, boolean force) {
    this(List.of(image), force);
  }

  /** The first image (the only one, for the console's single-image forms). */
  public String image() {
    return images.get(0);
  }

  public static final CommandSpec<Rmi> SPEC = new CommandSpec<>() {
    @Override public Class<Rmi> type() { return Rmi.class; }
    @Override public Grammar<Rmi> grammar() { return new RmiGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public boolean confirmByDefault() { return true; }
    @Override public Rmi probe() { return new Rmi("probe", false); }
    @Override public String target(Rmi r) { return String.join(" ", r.images()); }
    @Override public void describe(Rmi r, Words w) { w.flag(r.force(), "-f").addAll(r.images()); }
    @Override public String consequence(Rmi r, String target) { return "This will remove image " + target + "."; }

    @Override
    public Result execute(Rmi r, Execution x) {
      var each = Targets.each(r.images(), r.images(), (image, given) -> new ImageRemoved(image, x.engine().removeImage(image, r.force())));
      each.orThrow();
      if (r.images().size() == 1) return each.done().get(0);
      return new TargetsDone("rmi", each.done().stream().flatMap(i -> i.lines().stream()).toList(), each.errorLines(),
          !each.errors().isEmpty());
    }
  };

  @Command(name = "rmi", description = "Remove images.", customSynopsis = "rmi [-f] IMAGE...")
  static final class RmiGrammar extends Grammar<Rmi> {
    @Option(names = {"-f", "--force"}, description = "Remove even if containers use it.")
    boolean force;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "IMAGE", description = "Image references or ids.")
    List<String> images = new ArrayList<>();

    @Override
    public Rmi toRequest(ArgumentReader in) {
      return new Rmi(images.stream().map(i -> in.reference("IMAGE", i)).toList(), force);
    }
  }
}
