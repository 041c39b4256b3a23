package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stop [-t SECONDS] CONTAINER...}; null timeout means the engine default. */
public record Stop(List<String> containers, Integer timeoutSeconds, List<String> given) implements DockerRequest {
  public Stop {
    containers = List.copyOf(containers);
    given = Targets.given(given, containers);
    if (containers.isEmpty()) throw new IllegalArgumentException("stop needs a CONTAINER");
  }

  public Stop(String container, Integer timeoutSeconds) {
    this(List.of(container), timeoutSeconds, null);
  }

  public static final CommandSpec<Stop> SPEC = new CommandSpec<>() {
    @Override public Class<Stop> type() { return Stop.class; }
    @Override public Grammar<Stop> grammar() { return new StopGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Stop probe() { return new Stop("", null); }
    @Override public boolean eachTarget() { return true; }
    @Override public List<String> containers(Stop r) { return r.containers(); }
    @Override public Stop pin(Stop r, List<String> ids) { return new Stop(ids, r.timeoutSeconds(), r.given()); }
    @Override public void describe(Stop r, Words w) { w.optional("-t", r.timeoutSeconds()).addAll(r.containers()); }
    @Override public String consequence(Stop r, String target) { return "This will stop container " + target + "."; }

    @Override
    public Result execute(Stop r, Execution x) {
      var each = Targets.each(r.containers(), r.given(), (id, given) -> {
        boolean changed = x.engine().stop(id, r.timeoutSeconds());
        return new ContainerChanged("stop", id, x.nameOf(id), changed, given);
      });
      return Targets.changed("stop", r.containers().size(), each, e -> false, List.of());
    }
  };

  @Command(name = "stop", description = "Stop running containers (SIGTERM, then SIGKILL after the timeout).",
      customSynopsis = "stop [-t SECONDS] CONTAINER...")
  static final class StopGrammar extends Grammar<Stop> {
    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait before killing it.")
    String time;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "CONTAINER", description = "Container names or ids.")
    List<String> containers = new ArrayList<>();

    @Override
    public Stop toRequest(ArgumentReader in) {
      return new Stop(containers.stream().map(c -> in.reference("CONTAINER", c)).toList(), in.nonNegative("-t", time), null);
    }
  }
}
