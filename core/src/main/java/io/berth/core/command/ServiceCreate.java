package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code service create [--name N] [--replicas N] [-e K=V] [-p [PUB:]TARGET] [--label K=V] [--network NET]
 * [--restart-condition C] [--update-parallelism N] [--update-delay D] [-d] IMAGE [ARG...]}: like docker, prints
 * the service id, then (unless {@code -d}) follows the rollout until the service converged. It chooses what runs,
 * as {@code run} does, so it is for admins; its image meets {@code policy.run.images}.
 */
public record ServiceCreate(ServiceDefinition service, boolean detach) implements DockerRequest {
  public static final CommandSpec<ServiceCreate> SPEC = new CommandSpec<>() {
    @Override public Class<ServiceCreate> type() { return ServiceCreate.class; }
    @Override public Grammar<ServiceCreate> grammar() { return new ServiceCreateGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public List<String> images(ServiceCreate r) { return List.of(r.service().image()); }
    @Override public String target(ServiceCreate r) { return r.service().name(); }

    @Override
    public ServiceCreate probe() {
      return new ServiceCreate(new ServiceDefinition("probe", "busybox", null, List.of(), List.of(), Map.of(), Map.of(),
          List.of(), null, null, null, null, List.of()), true);
    }

    @Override
    public String consequence(ServiceCreate r, String target) {
      return "This will create service " + r.service().name() + " running " + r.service().image() + ".";
    }

    @Override
    public void describe(ServiceCreate r, Words w) {
      w.flag(r.detach(), "-d");
      r.service().describe(w);
    }

    @Override
    public Swarm.Printed execute(ServiceCreate r, Execution x) {
      String id = Swarm.json(x.engine().createService(r.service().spec().toString())).path("ID").asText();
      x.progress().on(new io.berth.core.result.Progress.Line(id));
      if (r.detach()) return new Swarm.Printed(id + "\n");
      return new Swarm.Printed(id + "\n" + new Rollout(x).await(id, false, x.limits().runTimeout()));
    }
  };

  @Command(name = "service create", description = "Create a Swarm service and follow it until it converged (admin).",
      customSynopsis = "service create [--name NAME] [--replicas N] [-e KEY=VALUE]... [-p [PUBLISHED:]TARGET[/PROTO]]... "
          + "[--label KEY=VALUE]... [--network NET]... [--restart-condition none|on-failure|any] "
          + "[--update-parallelism N] [--update-delay DURATION] [--stop-signal SIGNAL] [-d] IMAGE [ARG...]")
  static final class ServiceCreateGrammar extends Grammar<ServiceCreate> {
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The service's name.")
    String name;

    @Option(names = "--replicas", paramLabel = "N", description = "Number of tasks (default 1).")
    String replicas;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set a variable (masked in the audit trail); repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-p", "--publish"}, paramLabel = "[PUBLISHED:]TARGET", description = "Publish a port on every node; repeatable.")
    List<String> ports = new ArrayList<>();

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Service label; repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--container-label", paramLabel = "KEY=VALUE", description = "Label of the tasks' containers; repeatable.")
    List<String> containerLabels = new ArrayList<>();

    @Option(names = "--network", paramLabel = "NET", description = "Attach to a Swarm network; repeatable.")
    List<String> networks = new ArrayList<>();

    @Option(names = "--restart-condition", paramLabel = "COND", description = "none, on-failure or any (default any).")
    String restartCondition;

    @Option(names = "--update-parallelism", paramLabel = "N", description = "Tasks updated at once (default 1, 0 all).")
    String updateParallelism;

    @Option(names = "--update-delay", paramLabel = "DURATION", description = "Wait between updates of task batches, e.g. 10s.")
    String updateDelay;

    @Option(names = "--stop-signal", paramLabel = "SIGNAL", description = "Signal that stops a task's container.")
    String stopSignal;

    @Option(names = {"-d", "--detach"}, description = "Do not wait for the service to converge.")
    boolean detach;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image of the tasks (local images are used as they are).")
    String image;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments of the container's command.")
    List<String> args = new ArrayList<>();

    @Override
    public ServiceCreate toRequest(ArgumentReader in) {
      Map<String, String> l = new LinkedHashMap<>();
      for (String s : labels) in.label(s, l);
      Map<String, String> cl = new LinkedHashMap<>();
      for (String s : containerLabels) in.label(s, cl);
      return new ServiceCreate(new ServiceDefinition(name, image, in.nonNegative("--replicas", replicas),
          env.stream().map(in::env).toList(), ports.stream().map(in::port).toList(), l, cl, networks, restartCondition,
          in.nonNegative("--update-parallelism", updateParallelism), in.duration("--update-delay", updateDelay), stopSignal,
          args), detach);
    }
  }
}
