package io.berth.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.Listings;
import io.berth.core.render.SwarmListings;
import io.berth.core.result.Failure;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stack services [-q] [--format FMT] STACK}: the stack's services in the caller's scope, as {@code service ls}. */
public record StackServices(String stack, boolean quiet, String format) implements DockerRequest {
  public StackServices {
    Swarm.name("stack", stack);
  }

  /** The stack's services the caller may see; NOT_FOUND as docker says it when there are none. */
  static List<JsonNode> of(Execution x, String stack) {
    List<JsonNode> services = Swarm.services(x, Map.of("label", List.of(Swarm.STACK_LABEL + "=" + stack)));
    if (services.isEmpty()) throw new EngineException(Failure.NOT_FOUND, "Nothing found in stack: " + stack);
    return services;
  }

  public static final CommandSpec<StackServices> SPEC = new CommandSpec<>() {
    @Override public Class<StackServices> type() { return StackServices.class; }
    @Override public Grammar<StackServices> grammar() { return new StackServicesGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public StackServices probe() { return new StackServices("probe", false, null); }
    @Override public String target(StackServices r) { return r.stack(); }
    @Override public void describe(StackServices r, Words w) { w.flag(r.quiet(), "-q").optional("--format", r.format()).add(r.stack()); }

    @Override
    public Swarm.Printed execute(StackServices r, Execution x) {
      return new Swarm.Printed(SwarmListings.services(of(x, r.stack()), new Listings.View(r.quiet(), false, r.format())));
    }
  };

  @Command(name = "stack services", description = "List a stack's services.", customSynopsis = "stack services [-q] [--format FORMAT] STACK")
  static final class StackServicesGrammar extends Grammar<StackServices> {
    @Option(names = {"-q", "--quiet"}, description = "Only service ids.")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Go template, as for service ls.")
    String format;

    @Parameters(index = "0", paramLabel = "STACK", description = "Stack name.")
    String stack;

    @Override
    public StackServices toRequest(ArgumentReader in) {
      return new StackServices(in.reference("STACK", stack), quiet, Ps.Formats.parsed(in, format));
    }
  }
}
