package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ImageRemoved;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rmi [-f] IMAGE}. */
public record Rmi(String image, boolean force) implements DockerRequest {
  /** @throws ImageRef.InvalidReference unless a reference or an image id by docker's grammar */
  public Rmi {
    ImageRef.parseAny(image);
  }

  public static final CommandSpec<Rmi> SPEC = new CommandSpec<>() {
    @Override public Class<Rmi> type() { return Rmi.class; }
    @Override public Grammar<Rmi> grammar() { return new RmiGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public boolean confirmByDefault() { return true; }
    @Override public Rmi probe() { return new Rmi("probe", false); }
    @Override public String target(Rmi r) { return r.image(); }
    @Override public void describe(Rmi r, Words w) { w.flag(r.force(), "-f").add(r.image()); }
    @Override public String consequence(Rmi r, String target) { return "This will remove image " + target + "."; }

    @Override
    public ImageRemoved execute(Rmi r, Execution x) {
      return new ImageRemoved(r.image(), x.engine().removeImage(r.image(), r.force()));
    }
  };

  @Command(name = "rmi", description = "Remove an image.", customSynopsis = "rmi [-f] IMAGE")
  static final class RmiGrammar extends Grammar<Rmi> {
    @Option(names = {"-f", "--force"}, description = "Remove even if containers use it.")
    boolean force;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image reference or id.")
    String image;

    @Override
    public Rmi toRequest(ArgumentReader in) {
      return new Rmi(in.reference("IMAGE", image), force);
    }
  }
}
