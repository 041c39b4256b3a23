package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.language.SecretMasking;
import io.berth.core.result.ContainerDetails;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code inspect CONTAINER}: configuration and state, environment values masked. */
public record Inspect(String container) implements DockerRequest {

  public static final CommandSpec<Inspect> SPEC = new CommandSpec<>() {
    @Override public Class<Inspect> type() { return Inspect.class; }
    @Override public Grammar<Inspect> grammar() { return new InspectGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Inspect probe() { return new Inspect(""); }
    @Override public List<String> containers(Inspect r) { return List.of(r.container()); }
    @Override public Inspect pin(Inspect r, List<String> ids) { return new Inspect(ids.get(0)); }
    @Override public void describe(Inspect r, Words w) { w.add(r.container()); }

    @Override
    public ContainerDetails execute(Inspect r, Execution x) {
      ContainerDetails d = x.engine().inspect(r.container());
      List<String> env = d.env().stream().map(e -> e.indexOf('=') < 0 ? e : SecretMasking.maskAssignment(e)).toList();
      return new ContainerDetails(d.summary(), d.imageId(), d.command(), env, d.mounts(), d.restartPolicy(), d.exitCode(),
          d.startedAt(), d.finishedAt(), d.health(), d.restartCount(), d.oomKilled(), d.networks());
    }
  };

  @Command(name = "inspect", description = "Show a container's configuration and state.", customSynopsis = "inspect CONTAINER")
  static final class InspectGrammar extends Grammar<Inspect> {
    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    public Inspect toRequest(ArgumentReader in) {
      return new Inspect(in.reference("CONTAINER", container));
    }
  }
}
