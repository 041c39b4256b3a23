package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rm [-f] [-v] CONTAINER}: a running container without {@code -f} is refused, as docker does. */
public record Rm(String container, boolean force, boolean volumes) implements DockerRequest {

  public static final CommandSpec<Rm> SPEC = new CommandSpec<>() {
    @Override public Class<Rm> type() { return Rm.class; }
    @Override public Grammar<Rm> grammar() { return new RmGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public boolean confirmByDefault() { return true; }
    @Override public Rm probe() { return new Rm("", false, false); }
    @Override public List<String> containers(Rm r) { return List.of(r.container()); }
    @Override public Rm pin(Rm r, List<String> ids) { return new Rm(ids.get(0), r.force(), r.volumes()); }
    @Override public void describe(Rm r, Words w) { w.flag(r.force(), "-f").flag(r.volumes(), "-v").add(r.container()); }

    @Override
    public String consequence(Rm r, String target) {
      return "This will remove container " + target + (r.force() ? ", killing it if it is running" : "")
          + (r.volumes() ? ", and its anonymous volumes" : "") + ".";
    }

    @Override
    public ContainerChanged execute(Rm rm, Execution x) {
      ContainerSummary c = x.engine().resolveContainer(rm.container());
      if (c.running() && !rm.force()) {
        throw new EngineException(Failure.CONFLICT, "You cannot remove a running container " + c.shortId()
            + " (" + c.name() + "). Stop the container before attempting removal or use rm -f.");
      }
      x.engine().remove(c.id(), rm.force(), rm.volumes());
      return new ContainerChanged("rm", c.id(), c.name(), true);
    }
  };

  @Command(name = "rm", description = "Remove a container (a running one only with -f).", customSynopsis = "rm [-f] [-v] CONTAINER")
  static final class RmGrammar extends Grammar<Rm> {
    @Option(names = {"-f", "--force"}, description = "Remove even if running (kills it).")
    boolean force;

    @Option(names = {"-v", "--volumes"}, description = "Also remove its anonymous volumes.")
    boolean volumes;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    public Rm toRequest(ArgumentReader in) {
      return new Rm(in.reference("CONTAINER", container), force, volumes);
    }
  }
}
