package io.berth.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.language.KeyValueFile;
import io.berth.core.language.SecretMasking;
import io.berth.core.result.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code service update [--image IMAGE] [--env-add K=V]... [--env-rm K]... [--replicas N] [--force] [-d] SERVICE}:
 * changes the service's spec at the version read, prints its name and follows the rolling update like docker; a
 * failed update says which task failed and why. A new image chooses what runs, so this is for admins.
 */
public record ServiceUpdate(String service, String image, List<Run.EnvVar> envAdd, List<String> envRm, Integer replicas,
    boolean force, boolean detach) implements DockerRequest {
  public ServiceUpdate {
    if (image != null) ImageRef.parseAny(image);
    envAdd = List.copyOf(envAdd);
    envRm = List.copyOf(envRm);
    for (String k : envRm) {
      if (!KeyValueFile.isEnvName(k)) throw new IllegalArgumentException("bad variable name \"" + k + "\" in --env-rm");
    }
    if (replicas != null && replicas < 0) throw new IllegalArgumentException("--replicas must be 0 or more");
    if (image == null && envAdd.isEmpty() && envRm.isEmpty() && replicas == null && !force) {
      throw new IllegalArgumentException("service update needs a change: --image, --env-add, --env-rm, --replicas or --force");
    }
  }

  /** The service's spec with this update's changes (docker's order: env-rm, then env-add replacing same keys). */
  ObjectNode apply(JsonNode spec) {
    ObjectNode s = spec.deepCopy();
    ObjectNode task = (ObjectNode) s.path("TaskTemplate");
    ObjectNode container = (ObjectNode) task.path("ContainerSpec");
    if (image != null) container.put("Image", image);
    if (!envAdd.isEmpty() || !envRm.isEmpty()) {
      Set<String> dropped = envAdd.stream().map(Run.EnvVar::key).collect(Collectors.toSet());
      dropped.addAll(envRm);
      ArrayNode env = Swarm.JSON.createArrayNode();
      for (JsonNode e : container.path("Env")) {
        String kv = e.asText();
        if (!dropped.contains(kv.contains("=") ? kv.substring(0, kv.indexOf('=')) : kv)) env.add(kv);
      }
      envAdd.forEach(e -> env.add(e.key() + "=" + e.value()));
      container.set("Env", env);
    }
    if (replicas != null) {
      if (!s.path("Mode").has("Replicated")) throw new IllegalArgumentException("--replicas applies to replicated services only");
      ((ObjectNode) s.path("Mode").path("Replicated")).put("Replicas", replicas);
    }
    if (force) task.put("ForceUpdate", task.path("ForceUpdate").asLong(0) + 1);
    return s;
  }

  public static final CommandSpec<ServiceUpdate> SPEC = new CommandSpec<>() {
    @Override public Class<ServiceUpdate> type() { return ServiceUpdate.class; }
    @Override public Grammar<ServiceUpdate> grammar() { return new ServiceUpdateGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public ServiceUpdate probe() { return new ServiceUpdate("probe", null, List.of(), List.of(), null, true, true); }
    @Override public String target(ServiceUpdate r) { return r.service(); }
    @Override public List<String> images(ServiceUpdate r) { return r.image() == null ? List.of() : List.of(r.image()); }

    @Override
    public String consequence(ServiceUpdate r, String target) {
      return "This will update service " + r.service() + (r.image() == null ? "" : " to " + r.image()) + ", replacing its tasks.";
    }

    @Override
    public void describe(ServiceUpdate r, Words w) {
      w.optional("--image", r.image());
      r.envAdd().forEach(e -> w.option("--env-add", SecretMasking.maskAssignment(e.key() + "=")));
      r.envRm().forEach(k -> w.option("--env-rm", k));
      w.optional("--replicas", r.replicas()).flag(r.force(), "--force").flag(r.detach(), "-d").add(r.service());
    }

    @Override
    public Swarm.Printed execute(ServiceUpdate r, Execution x) {
      JsonNode service = Swarm.service(x, r.service());
      ObjectNode spec;
      try {
        spec = r.apply(service.path("Spec"));
      } catch (IllegalArgumentException e) {
        throw new io.berth.core.engine.EngineException(io.berth.core.result.Failure.INVALID, e.getMessage());
      }
      Swarm.update(x, service, spec, false);
      x.progress().on(new Progress.Line(r.service()));
      if (r.detach()) return new Swarm.Printed(r.service() + "\n");
      return new Swarm.Printed(r.service() + "\n" + new Rollout(x).await(service.path("ID").asText(), false, x.limits().runTimeout()));
    }
  };

  @Command(name = "service update", description = "Update a Swarm service and follow the rollout (admin).",
      customSynopsis = "service update [--image IMAGE] [--env-add KEY=VALUE]... [--env-rm KEY]... [--replicas N] [--force] [-d] SERVICE")
  static final class ServiceUpdateGrammar extends Grammar<ServiceUpdate> {
    @Option(names = "--image", paramLabel = "IMAGE", description = "New image of the tasks.")
    String image;

    @Option(names = "--env-add", paramLabel = "KEY=VALUE", description = "Add or replace a variable (masked); repeatable.")
    List<String> envAdd = new ArrayList<>();

    @Option(names = "--env-rm", paramLabel = "KEY", description = "Remove a variable; repeatable.")
    List<String> envRm = new ArrayList<>();

    @Option(names = "--replicas", paramLabel = "N", description = "Number of tasks.")
    String replicas;

    @Option(names = "--force", description = "Replace the tasks even if nothing changed.")
    boolean force;

    @Option(names = {"-d", "--detach"}, description = "Do not wait for the update to finish.")
    boolean detach;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "Service name or id.")
    String service;

    @Override
    public ServiceUpdate toRequest(ArgumentReader in) {
      return new ServiceUpdate(in.reference("SERVICE", service), image, envAdd.stream().map(in::env).toList(), envRm,
          in.nonNegative("--replicas", replicas), force, detach);
    }
  }
}
