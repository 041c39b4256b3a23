package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ContainerChanged;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stop [-t SECONDS] CONTAINER}; null timeout means the engine default. */
public record Stop(String container, Integer timeoutSeconds) implements DockerRequest {

  public static final CommandSpec<Stop> SPEC = new CommandSpec<>() {
    @Override public Class<Stop> type() { return Stop.class; }
    @Override public Grammar<Stop> grammar() { return new StopGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Stop probe() { return new Stop("", null); }
    @Override public List<String> containers(Stop r) { return List.of(r.container()); }
    @Override public Stop pin(Stop r, List<String> ids) { return new Stop(ids.get(0), r.timeoutSeconds()); }
    @Override public void describe(Stop r, Words w) { w.optional("-t", r.timeoutSeconds()).add(r.container()); }
    @Override public String consequence(Stop r, String target) { return "This will stop container " + target + "."; }

    @Override
    public ContainerChanged execute(Stop r, Execution x) {
      boolean changed = x.engine().stop(r.container(), r.timeoutSeconds());
      return new ContainerChanged("stop", r.container(), x.nameOf(r.container()), changed);
    }
  };

  @Command(name = "stop", description = "Stop a running container (SIGTERM, then SIGKILL after the timeout).",
      customSynopsis = "stop [-t SECONDS] CONTAINER")
  static final class StopGrammar extends Grammar<Stop> {
    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait before killing it.")
    String time;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    public Stop toRequest(ArgumentReader in) {
      return new Stop(in.reference("CONTAINER", container), in.nonNegative("-t", time));
    }
  }
}
