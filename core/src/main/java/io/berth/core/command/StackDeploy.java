package io.berth.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.SwarmObject;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.Failure;
import io.berth.core.result.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stack deploy -c FILE [--detach=false] STACK}: the compose file ({@link ComposeFile}, read from under
 * {@code policy.run.fileRoots} like {@code run --env-file}) becomes overlay networks {@code STACK_NET} and services
 * {@code STACK_SERVICE}, labelled {@code com.docker.stack.namespace=STACK} as docker does; a service that exists
 * is updated. Like docker, it returns once created; {@code --detach=false} follows every service until it converged.
 * A stack creates networks and chooses what runs, so it is for admins; its images meet {@code policy.run.images}
 * once the file is read, before anything is created.
 */
public record StackDeploy(String file, String stack, boolean detach) implements DockerRequest {
  public StackDeploy {
    if (file == null || file.isBlank()) throw new IllegalArgumentException("stack deploy needs -c FILE");
    Swarm.name("stack", stack);
  }

  public static final CommandSpec<StackDeploy> SPEC = new CommandSpec<>() {
    @Override public Class<StackDeploy> type() { return StackDeploy.class; }
    @Override public Grammar<StackDeploy> grammar() { return new StackDeployGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public StackDeploy probe() { return new StackDeploy("probe.yml", "probe", true); }
    @Override public String target(StackDeploy r) { return r.stack(); }
    @Override public void describe(StackDeploy r, Words w) { w.option("-c", r.file()).flag(!r.detach(), "--detach=false").add(r.stack()); }

    @Override
    public String consequence(StackDeploy r, String target) {
      return "This will deploy stack " + r.stack() + " from " + r.file() + " (its networks and services).";
    }

    @Override
    public Swarm.Printed execute(StackDeploy r, Execution x) {
      ComposeFile compose;
      List<ServiceDefinition> definitions;
      List<String> networks;
      try {
        compose = ComposeFile.parse(x.runFile("-c", r.file()));
        definitions = compose.definitions(r.stack());
        networks = compose.networksUsed();
      } catch (IllegalArgumentException e) {
        throw new EngineException(Failure.INVALID, e.getMessage());
      }
      for (ServiceDefinition d : definitions) x.checkImage("stack deploy", d.image()); // before anything is created
      StringBuilder out = new StringBuilder();
      for (String n : networks) {
        String name = r.stack() + "_" + n;
        boolean exists = x.engine().networks(Map.of("name", List.of(name))).stream().anyMatch(s -> s.name().equals(name));
        if (!exists) {
          say(x, out, "Creating network " + name);
          x.engine().createNetwork(name, "overlay", null, Map.of(Swarm.STACK_LABEL, r.stack()), false);
        }
      }
      List<String> ids = new ArrayList<>();
      for (ServiceDefinition d : definitions) {
        JsonNode existing = existing(x, d.name());
        if (existing == null) {
          say(x, out, "Creating service " + d.name());
          ids.add(Swarm.json(x.engine().createService(d.spec().toString())).path("ID").asText());
        } else {
          if (!r.stack().equals(Swarm.labels(existing.path("Spec").path("Labels")).get(Swarm.STACK_LABEL))) {
            throw new EngineException(Failure.CONFLICT, "service " + d.name() + " exists and is not part of stack " + r.stack());
          }
          say(x, out, "Updating service " + d.name() + " (id: " + existing.path("ID").asText() + ")");
          ObjectNode spec = d.spec();
          // keep the engine's count of forced updates, so an unchanged service is not restarted
          spec.with("TaskTemplate").put("ForceUpdate", existing.path("Spec").path("TaskTemplate").path("ForceUpdate").asLong(0));
          Swarm.update(x, existing, spec, false);
          ids.add(existing.path("ID").asText());
        }
      }
      if (!r.detach()) {
        for (String id : ids) out.append(new Rollout(x).await(id, false, x.limits().runTimeout()));
      }
      return new Swarm.Printed(out.toString());
    }
  };

  /** The service of that name, when it exists and the caller may see it; out of scope it is a conflict, not a takeover. */
  private static JsonNode existing(Execution x, String name) {
    try {
      JsonNode s = Swarm.json(x.engine().swarmInspect(SwarmObject.SERVICE, name));
      if (!Swarm.visible(x, s)) throw new EngineException(Failure.CONFLICT, "service " + name + " exists outside your scope");
      return s;
    } catch (EngineException e) {
      if (e.kind() == Failure.NOT_FOUND) return null;
      throw e;
    }
  }

  private static void say(Execution x, StringBuilder out, String line) {
    x.progress().on(new Progress.Line(line));
    out.append(line).append('\n');
  }

  @Command(name = "stack deploy", description = "Deploy a stack from a compose file (admin).",
      customSynopsis = "stack deploy -c FILE [--detach=false] STACK")
  static final class StackDeployGrammar extends Grammar<StackDeploy> {
    @Option(names = {"-c", "--compose-file"}, required = true, paramLabel = "FILE",
        description = "Compose file under policy.run.fileRoots.")
    String file;

    @Option(names = {"-d", "--detach"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
        description = "Return once created (default); --detach=false waits until every service converged.")
    boolean detach = true;

    @Parameters(index = "0", paramLabel = "STACK", description = "Stack name.")
    String stack;

    @Override
    public StackDeploy toRequest(ArgumentReader in) {
      return new StackDeploy(in.file("-c", file), in.reference("STACK", stack), detach);
    }
  }
}
