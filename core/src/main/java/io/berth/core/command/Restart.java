package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ContainerChanged;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restart [-t SECONDS] CONTAINER}. */
public record Restart(String container, Integer timeoutSeconds) implements DockerRequest {

  public static final CommandSpec<Restart> SPEC = new CommandSpec<>() {
    @Override public Class<Restart> type() { return Restart.class; }
    @Override public Grammar<Restart> grammar() { return new RestartGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Restart probe() { return new Restart("", null); }
    @Override public List<String> containers(Restart r) { return List.of(r.container()); }
    @Override public Restart pin(Restart r, List<String> ids) { return new Restart(ids.get(0), r.timeoutSeconds()); }
    @Override public void describe(Restart r, Words w) { w.optional("-t", r.timeoutSeconds()).add(r.container()); }
    @Override public String consequence(Restart r, String target) { return "This will restart container " + target + "."; }

    @Override
    public ContainerChanged execute(Restart r, Execution x) {
      x.engine().restart(r.container(), r.timeoutSeconds());
      return new ContainerChanged("restart", r.container(), x.nameOf(r.container()), true);
    }
  };

  @Command(name = "restart", description = "Restart a container.",
      customSynopsis = "restart [-t SECONDS] CONTAINER")
  static final class RestartGrammar extends Grammar<Restart> {
    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait before killing it.")
    String time;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    public Restart toRequest(ArgumentReader in) {
      return new Restart(in.reference("CONTAINER", container), in.nonNegative("-t", time));
    }
  }
}
