package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.Failure;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code service rm SERVICE...}: each removed is echoed as given; one not found (or out of scope) is an error line. */
public record ServiceRm(List<String> services) implements DockerRequest {
  public ServiceRm {
    services = List.copyOf(services);
    if (services.isEmpty()) throw new IllegalArgumentException("service rm needs a SERVICE");
  }

  public static final CommandSpec<ServiceRm> SPEC = new CommandSpec<>() {
    @Override public Class<ServiceRm> type() { return ServiceRm.class; }
    @Override public Grammar<ServiceRm> grammar() { return new ServiceRmGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public ServiceRm probe() { return new ServiceRm(List.of("probe")); }
    @Override public String target(ServiceRm r) { return String.join(" ", r.services()); }
    @Override public void describe(ServiceRm r, Words w) { w.addAll(r.services()); }
    @Override public boolean confirmByDefault() { return true; }

    @Override
    public String consequence(ServiceRm r, String target) {
      return "This will remove service " + target + " and stop all its tasks.";
    }

    @Override
    public Swarm.Printed execute(ServiceRm r, Execution x) {
      StringBuilder out = new StringBuilder();
      List<String> errors = new ArrayList<>();
      for (String s : r.services()) {
        try {
          x.engine().removeService(Swarm.service(x, s).path("ID").asText());
          out.append(s).append('\n');
        } catch (EngineException e) {
          if (e.kind() != Failure.NOT_FOUND) throw e;
          errors.add("Error: " + e.getMessage());
        }
      }
      return new Swarm.Printed(out.toString(), errors);
    }
  };

  @Command(name = "service rm", description = "Remove Swarm services (admin).", customSynopsis = "service rm SERVICE...")
  static final class ServiceRmGrammar extends Grammar<ServiceRm> {
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "SERVICE", description = "Service names or ids.")
    List<String> services = new ArrayList<>();

    @Override
    public ServiceRm toRequest(ArgumentReader in) {
      return new ServiceRm(services.stream().map(s -> in.reference("SERVICE", s)).toList());
    }
  }
}
