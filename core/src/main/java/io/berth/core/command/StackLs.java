package io.berth.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.SwarmListings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stack ls [--format FMT]}: stacks (the namespace label of the services in scope) and their number of services. */
public record StackLs(String format) implements DockerRequest {
  public static final CommandSpec<StackLs> SPEC = new CommandSpec<>() {
    @Override public Class<StackLs> type() { return StackLs.class; }
    @Override public Grammar<StackLs> grammar() { return new StackLsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public StackLs probe() { return new StackLs(null); }
    @Override public void describe(StackLs r, Words w) { w.optional("--format", r.format()); }

    @Override
    public Swarm.Printed execute(StackLs r, Execution x) {
      Map<String, Integer> stacks = new TreeMap<>();
      for (JsonNode s : Swarm.services(x, Map.of("label", List.of(Swarm.STACK_LABEL)))) {
        stacks.merge(Swarm.labels(s.path("Spec").path("Labels")).get(Swarm.STACK_LABEL), 1, Integer::sum);
      }
      return new Swarm.Printed(SwarmListings.stacks(stacks, r.format()));
    }
  };

  @Command(name = "stack ls", description = "List stacks.", customSynopsis = "stack ls [--format FORMAT]")
  static final class StackLsGrammar extends Grammar<StackLs> {
    @Option(names = "--format", paramLabel = "FORMAT", description = "Go template: {{.Name}} {{.Services}}.")
    String format;

    @Override
    public StackLs toRequest(ArgumentReader in) {
      return new StackLs(Ps.Formats.parsed(in, format));
    }
  }
}
