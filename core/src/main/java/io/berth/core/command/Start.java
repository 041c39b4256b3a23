package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code start CONTAINER...}; {@code given} keeps the references as typed (docker echoes them). */
public record Start(List<String> containers, List<String> given) implements DockerRequest {
  public Start {
    containers = List.copyOf(containers);
    given = Targets.given(given, containers);
    if (containers.isEmpty()) throw new IllegalArgumentException("start needs a CONTAINER");
  }

  public Start(String container) {
    this(List.of(container), null);
  }

  public static final CommandSpec<Start> SPEC = new CommandSpec<>() {
    @Override public Class<Start> type() { return Start.class; }
    @Override public Grammar<Start> grammar() { return new StartGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Start probe() { return new Start(""); }
    @Override public boolean eachTarget() { return true; }
    @Override public List<String> containers(Start r) { return r.containers(); }
    @Override public Start pin(Start r, List<String> ids) { return new Start(ids, r.given()); }
    @Override public void describe(Start r, Words w) { w.addAll(r.containers()); }
    @Override public String consequence(Start r, String target) { return "This will start container " + target + "."; }

    @Override
    public Result execute(Start r, Execution x) {
      var each = Targets.each(r.containers(), r.given(), (id, given) -> {
        x.engine().start(id);
        return new ContainerChanged("start", id, x.nameOf(id), true, given);
      });
      List<String> failed = new ArrayList<>();
      for (int i = 0; i < r.containers().size(); i++) {
        String id = r.containers().get(i);
        if (each.done().stream().noneMatch(c -> c.containerId().equals(id))) failed.add(r.given().get(i));
      }
      return Targets.changed("start", r.containers().size(), each, e -> false,
          List.of("Error: failed to start containers: " + String.join(", ", failed)));
    }
  };

  @Command(name = "start", description = "Start stopped containers.", customSynopsis = "start CONTAINER...")
  static final class StartGrammar extends Grammar<Start> {
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "CONTAINER", description = "Container names or ids.")
    List<String> containers = new ArrayList<>();

    @Override
    public Start toRequest(ArgumentReader in) {
      return new Start(containers.stream().map(c -> in.reference("CONTAINER", c)).toList(), null);
    }
  }
}
