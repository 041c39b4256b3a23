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

/** {@code restart [-t SECONDS] CONTAINER...}; null timeout means the engine default. */
public record Restart(List<String> containers, Integer timeoutSeconds, List<String> given) implements DockerRequest {
  public Restart {
    containers = List.copyOf(containers);
    given = Targets.given(given, containers);
    if (containers.isEmpty()) throw new IllegalArgumentException("restart needs a CONTAINER");
  }

  public Restart(String container, Integer timeoutSeconds) {
    this(List.of(container), timeoutSeconds, null);
  }

  public static final CommandSpec<Restart> SPEC = new CommandSpec<>() {
    @Override public Class<Restart> type() { return Restart.class; }
    @Override public Grammar<Restart> grammar() { return new RestartGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Restart probe() { return new Restart("", null); }
    @Override public boolean eachTarget() { return true; }
    @Override public List<String> containers(Restart r) { return r.containers(); }
    @Override public Restart pin(Restart r, List<String> ids) { return new Restart(ids, r.timeoutSeconds(), r.given()); }
    @Override public void describe(Restart r, Words w) { w.optional("-t", r.timeoutSeconds()).addAll(r.containers()); }
    @Override public String consequence(Restart r, String target) { return "This will restart container " + target + "."; }

    @Override
    public Result execute(Restart r, Execution x) {
      var each = Targets.each(r.containers(), r.given(), (id, given) -> {
        x.engine().restart(id, r.timeoutSeconds());
        return new ContainerChanged("restart", id, x.nameOf(id), true, given);
      });
      return Targets.changed("restart", r.containers().size(), each, e -> false, List.of());
    }
  };

  @Command(name = "restart", description = "Restart containers.",
      customSynopsis = "restart [-t SECONDS] CONTAINER...")
  static final class RestartGrammar extends Grammar<Restart> {
    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait before killing it.")
    String time;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "CONTAINER", description = "Container names or ids.")
    List<String> containers = new ArrayList<>();

    @Override
    public Restart toRequest(ArgumentReader in) {
      return new Restart(containers.stream().map(c -> in.reference("CONTAINER", c)).toList(), in.nonNegative("-t", time), null);
    }
  }
}
