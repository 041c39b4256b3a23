package io.berth.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.Failure;
import io.berth.core.result.Progress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code service scale [-d] SERVICE=N...}: like docker, each service is scaled on its own ({@code NAME scaled to
 * N}, or an error line), then the rollout of each is followed. Operators may scale.
 */
public record ServiceScale(List<Scale> scales, boolean detach) implements DockerRequest {
  /** One {@code SERVICE=N}. */
  public record Scale(String service, int replicas) {
    public Scale {
      if (!ContainerName.isObjectReference(service)) throw new IllegalArgumentException("bad SERVICE \"" + service + "\"");
      if (replicas < 0) throw new IllegalArgumentException("replicas must be 0 or more");
    }
  }

  public ServiceScale {
    scales = List.copyOf(scales);
    if (scales.isEmpty()) throw new IllegalArgumentException("service scale needs SERVICE=REPLICAS");
  }

  public static final CommandSpec<ServiceScale> SPEC = new CommandSpec<>() {
    @Override public Class<ServiceScale> type() { return ServiceScale.class; }
    @Override public Grammar<ServiceScale> grammar() { return new ServiceScaleGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public ServiceScale probe() { return new ServiceScale(List.of(new Scale("probe", 1)), true); }
    @Override public String target(ServiceScale r) { return String.join(" ", r.scales().stream().map(Scale::service).toList()); }

    @Override
    public void describe(ServiceScale r, Words w) {
      w.flag(r.detach(), "-d");
      r.scales().forEach(s -> w.add(s.service() + "=" + s.replicas()));
    }

    @Override
    public Swarm.Printed execute(ServiceScale r, Execution x) {
      StringBuilder out = new StringBuilder();
      List<String> errors = new ArrayList<>();
      List<String> scaled = new ArrayList<>();
      for (Scale s : r.scales()) {
        try {
          JsonNode service = Swarm.service(x, s.service());
          if (!service.path("Spec").path("Mode").has("Replicated")) {
            throw new EngineException(Failure.INVALID, "scale can only be used with replicated mode");
          }
          ObjectNode spec = service.path("Spec").deepCopy();
          ((ObjectNode) spec.path("Mode").path("Replicated")).put("Replicas", s.replicas());
          Swarm.update(x, service, spec, false);
          String line = s.service() + " scaled to " + s.replicas();
          x.progress().on(new Progress.Line(line));
          out.append(line).append('\n');
          scaled.add(service.path("ID").asText());
        } catch (EngineException e) {
          if (e.kind() != Failure.NOT_FOUND && e.kind() != Failure.INVALID) throw e;
          errors.add(s.service() + ": " + e.getMessage());
        }
      }
      if (!r.detach()) {
        for (String id : scaled) out.append(new Rollout(x).await(id, false, x.limits().runTimeout()));
      }
      return new Swarm.Printed(out.toString(), errors);
    }
  };

  @Command(name = "service scale", description = "Set the number of tasks of replicated Swarm services.",
      customSynopsis = "service scale [-d] SERVICE=REPLICAS...")
  static final class ServiceScaleGrammar extends Grammar<ServiceScale> {
    @Option(names = {"-d", "--detach"}, description = "Do not wait for the services to converge.")
    boolean detach;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "SERVICE=REPLICAS", description = "e.g. web=4.")
    List<String> scales = new ArrayList<>();

    @Override
    public ServiceScale toRequest(ArgumentReader in) {
      List<Scale> out = new ArrayList<>();
      for (String s : scales) {
        int eq = s.lastIndexOf('=');
        if (eq < 1) throw in.error("invalid scale specifier \"" + s + "\"; write SERVICE=REPLICAS, e.g. web=4");
        Integer n = in.nonNegative("replicas of " + s.substring(0, eq), s.substring(eq + 1));
        out.add(new Scale(in.reference("SERVICE", s.substring(0, eq)), n));
      }
      return new ServiceScale(out, detach);
    }
  }
}
