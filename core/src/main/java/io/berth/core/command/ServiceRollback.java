package io.berth.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.Failure;
import io.berth.core.result.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code service rollback [-d] SERVICE}: back to the spec before the last update, followed like docker. Operators may. */
public record ServiceRollback(String service, boolean detach) implements DockerRequest {
  public static final CommandSpec<ServiceRollback> SPEC = new CommandSpec<>() {
    @Override public Class<ServiceRollback> type() { return ServiceRollback.class; }
    @Override public Grammar<ServiceRollback> grammar() { return new ServiceRollbackGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public ServiceRollback probe() { return new ServiceRollback("probe", true); }
    @Override public String target(ServiceRollback r) { return r.service(); }
    @Override public void describe(ServiceRollback r, Words w) { w.flag(r.detach(), "-d").add(r.service()); }

    @Override
    public Swarm.Printed execute(ServiceRollback r, Execution x) {
      JsonNode service = Swarm.service(x, r.service());
      if (service.path("PreviousSpec").isMissingNode()) {
        throw new EngineException(Failure.INVALID, "service " + r.service() + " has no previous spec to roll back to");
      }
      Swarm.update(x, service, service.path("Spec"), true);
      x.progress().on(new Progress.Line(r.service()));
      if (r.detach()) return new Swarm.Printed(r.service() + "\n");
      return new Swarm.Printed(r.service() + "\n" + new Rollout(x).await(service.path("ID").asText(), true, x.limits().runTimeout()));
    }
  };

  @Command(name = "service rollback", description = "Revert a Swarm service to its spec before the last update.",
      customSynopsis = "service rollback [-d] SERVICE")
  static final class ServiceRollbackGrammar extends Grammar<ServiceRollback> {
    @Option(names = {"-d", "--detach"}, description = "Do not wait for the rollback to finish.")
    boolean detach;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "Service name or id.")
    String service;

    @Override
    public ServiceRollback toRequest(ArgumentReader in) {
      return new ServiceRollback(in.reference("SERVICE", service), detach);
    }
  }
}
