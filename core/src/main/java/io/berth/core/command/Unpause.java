package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code unpause CONTAINER...}: thaws paused containers; one that is not paused fails as docker's does. */
public record Unpause(List<String> containers) implements DockerRequest {
  public Unpause {
    containers = List.copyOf(containers);
    if (containers.isEmpty()) throw new IllegalArgumentException("unpause needs a CONTAINER");
  }

  public static final CommandSpec<Unpause> SPEC = new CommandSpec<>() {
    @Override public Class<Unpause> type() { return Unpause.class; }
    @Override public Grammar<Unpause> grammar() { return new UnpauseGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Unpause probe() { return new Unpause(List.of("probe")); }
    @Override public List<String> containers(Unpause r) { return r.containers(); }
    @Override public Unpause pin(Unpause r, List<String> ids) { return new Unpause(ids); }
    @Override public void describe(Unpause r, Words w) { w.addAll(r.containers()); }
    @Override public String consequence(Unpause r, String target) { return "This will unpause container " + target + "."; }

    @Override
    public Pause.Done execute(Unpause r, Execution x) {
      return Pause.eachContainer(r.containers(), x, x.engine()::unpause);
    }
  };

  @Command(name = "unpause", description = "Unpause all processes within paused containers.",
      customSynopsis = "unpause CONTAINER...")
  static final class UnpauseGrammar extends Grammar<Unpause> {
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "CONTAINER", description = "Container names or ids.")
    List<String> containers = new ArrayList<>();

    @Override
    public Unpause toRequest(ArgumentReader in) {
      return new Unpause(containers.stream().map(c -> in.reference("CONTAINER", c)).toList());
    }
  }
}
