package io.berth.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.Failure;
import io.berth.core.result.NetworkSummary;
import io.berth.core.result.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code stack rm STACK...}: the stack's services, then its networks, as docker removes them. A stack with a service
 * outside the caller's scope is left whole (removing the rest would break what the caller may not touch).
 */
public record StackRm(List<String> stacks) implements DockerRequest {
  /** A network is in use until the engine has stopped the removed services' tasks on every node. */
  static final Duration NETWORK_WAIT = Duration.ofSeconds(30);

  public StackRm {
    stacks = List.copyOf(stacks);
    if (stacks.isEmpty()) throw new IllegalArgumentException("stack rm needs a STACK");
    stacks.forEach(s -> Swarm.name("stack", s));
  }

  public static final CommandSpec<StackRm> SPEC = new CommandSpec<>() {
    @Override public Class<StackRm> type() { return StackRm.class; }
    @Override public Grammar<StackRm> grammar() { return new StackRmGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public StackRm probe() { return new StackRm(List.of("probe")); }
    @Override public String target(StackRm r) { return String.join(" ", r.stacks()); }
    @Override public void describe(StackRm r, Words w) { w.addAll(r.stacks()); }
    @Override public boolean confirmByDefault() { return true; }

    @Override
    public String consequence(StackRm r, String target) {
      return "This will remove stack " + target + ": its services and networks.";
    }

    @Override
    public Swarm.Printed execute(StackRm r, Execution x) {
      StringBuilder out = new StringBuilder();
      List<String> errors = new ArrayList<>();
      for (String stack : r.stacks()) {
        Map<String, List<String>> label = Map.of("label", List.of(Swarm.STACK_LABEL + "=" + stack));
        List<JsonNode> all = Swarm.list(x, io.berth.core.engine.SwarmObject.SERVICE, label);
        List<NetworkSummary> networks = x.engine().networks(label);
        if (all.stream().anyMatch(s -> !Swarm.visible(x, s))) {
          errors.add("Error: stack " + stack + " has services outside your scope; nothing removed");
          continue;
        }
        if (all.isEmpty() && networks.isEmpty()) {
          errors.add("Nothing found in stack: " + stack);
          continue;
        }
        all.stream().sorted(java.util.Comparator.comparing(s -> s.path("Spec").path("Name").asText())).forEach(s -> {
          say(x, out, "Removing service " + s.path("Spec").path("Name").asText());
          x.engine().removeService(s.path("ID").asText());
        });
        for (NetworkSummary n : networks) {
          say(x, out, "Removing network " + n.name());
          removeWhenFree(x, n.id());
        }
      }
      return new Swarm.Printed(out.toString(), errors);
    }
  };

  /** Retries while the engine still has the removed tasks' endpoints on the network (CONFLICT), within a bound. */
  private static void removeWhenFree(Execution x, String networkId) {
    Instant end = Instant.now().plus(NETWORK_WAIT);
    while (true) {
      try {
        x.engine().removeNetwork(networkId);
        return;
      } catch (EngineException e) {
        if (e.kind() == Failure.NOT_FOUND) return;
        if (Instant.now().isAfter(end)) throw e;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineException(Failure.TIMEOUT, "stopped waiting to remove network " + networkId);
      }
    }
  }

  private static void say(Execution x, StringBuilder out, String line) {
    x.progress().on(new Progress.Line(line));
    out.append(line).append('\n');
  }

  @Command(name = "stack rm", description = "Remove stacks: their services and networks (admin).", customSynopsis = "stack rm STACK...")
  static final class StackRmGrammar extends Grammar<StackRm> {
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "STACK", description = "Stack names.")
    List<String> stacks = new ArrayList<>();

    @Override
    public StackRm toRequest(ArgumentReader in) {
      return new StackRm(stacks.stream().map(s -> in.reference("STACK", s)).toList());
    }
  }
}
