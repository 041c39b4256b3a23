package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rm [-f] [-v] CONTAINER...}: a running container without {@code -f} is refused, as docker
 * does; with {@code -f} a missing container is reported but is no failure (docker exits 0).
 */
public record Rm(List<String> containers, boolean force, boolean volumes, List<String> given) implements DockerRequest {
  public Rm {
    containers = List.copyOf(containers);
    given = Targets.given(given, containers);
    if (containers.isEmpty()) throw new IllegalArgumentException("rm needs a CONTAINER");
  }

  public Rm(String container, boolean force, boolean volumes) {
    this(List.of(container), force, volumes, null);
  }

  public static final CommandSpec<Rm> SPEC = new CommandSpec<>() {
    @Override public Class<Rm> type() { return Rm.class; }
    @Override public Grammar<Rm> grammar() { return new RmGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public boolean confirmByDefault() { return true; }
    @Override public Rm probe() { return new Rm("", false, false); }
    @Override public boolean eachTarget() { return true; }
    @Override public List<String> containers(Rm r) { return r.containers(); }
    @Override public Rm pin(Rm r, List<String> ids) { return new Rm(ids, r.force(), r.volumes(), r.given()); }
    @Override public void describe(Rm r, Words w) { w.flag(r.force(), "-f").flag(r.volumes(), "-v").addAll(r.containers()); }

    @Override
    public String consequence(Rm r, String target) {
      return "This will remove container " + target + (r.force() ? ", killing it if it is running" : "")
          + (r.volumes() ? ", and its anonymous volumes" : "") + ".";
    }

    @Override
    public Result execute(Rm rm, Execution x) {
      var each = Targets.each(rm.containers(), rm.given(), (id, given) -> {
        ContainerSummary c = x.engine().resolveContainer(id);
        if (c.running() && !rm.force()) {
          throw new EngineException(Failure.CONFLICT, "You cannot remove a running container " + c.shortId()
              + " (" + c.name() + "). Stop the container before attempting removal or use rm -f.");
        }
        x.engine().remove(c.id(), rm.force(), rm.volumes());
        return new ContainerChanged("rm", c.id(), c.name(), true, given);
      });
      // docker rm -f is idempotent cleanup: a container that is not there is said, not failed
      return Targets.changed("rm", rm.containers().size(), each, e -> rm.force() && e.kind() == Failure.NOT_FOUND, List.of());
    }
  };

  @Command(name = "rm", description = "Remove containers (a running one only with -f).",
      customSynopsis = "rm [-f] [-v] CONTAINER...")
  static final class RmGrammar extends Grammar<Rm> {
    @Option(names = {"-f", "--force"}, description = "Remove even if running (kills it).")
    boolean force;

    @Option(names = {"-v", "--volumes"}, description = "Also remove its anonymous volumes.")
    boolean volumes;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "CONTAINER", description = "Container names or ids.")
    List<String> containers = new ArrayList<>();

    @Override
    public Rm toRequest(ArgumentReader in) {
      return new Rm(containers.stream().map(c -> in.reference("CONTAINER", c)).toList(), force, volumes, null);
    }
  }
}
