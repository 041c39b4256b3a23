package io.berth.core.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a service is made of, as {@code service create} and {@code stack deploy} give it, every part checked by
 * docker's grammar; {@link #spec()} is the Engine API's ServiceSpec with the docker CLI's defaults (one replica,
 * updates one task at a time, pausing on a failure, so a failed update can say which task failed). The image is
 * sent as given: the CLI's {@code --no-resolve-image} (no registry lookup for a digest), since Berth's images may be local.
 *
 * @param labels the service's labels; {@code containerLabels} go on its tasks' containers
 * @param args the container's arguments after the image ({@code command} in a compose file), as docker sends them
 */
public record ServiceDefinition(String name, String image, Integer replicas, List<Run.EnvVar> env,
    List<Run.PortBinding> ports, Map<String, String> labels, Map<String, String> containerLabels, List<String> networks,
    String restartCondition, Integer updateParallelism, Duration updateDelay, String stopSignal, List<String> args) {
  static final Set<String> RESTART_CONDITIONS = Set.of("none", "on-failure", "any");

  public ServiceDefinition {
    Swarm.name("service", name);
    ImageRef.parseAny(image);
    if (replicas != null && replicas < 0) throw new IllegalArgumentException("--replicas must be 0 or more, not " + replicas);
    env = List.copyOf(env);
    ports = List.copyOf(ports);
    for (Run.PortBinding p : ports) {
      if (p.hostIp() != null) {
        throw new IllegalArgumentException("a service publishes on every node's ingress: drop the address in -p "
            + p.hostIp() + ":" + p.hostPort() + ":" + p.containerPort());
      }
    }
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    containerLabels = Collections.unmodifiableMap(new LinkedHashMap<>(containerLabels));
    networks = List.copyOf(networks);
    for (String n : networks) {
      if (!ContainerName.isName(n)) throw new IllegalArgumentException("bad network name \"" + n + "\"; use [a-zA-Z0-9][a-zA-Z0-9_.-]");
    }
    if (restartCondition != null && !RESTART_CONDITIONS.contains(restartCondition)) {
      throw new IllegalArgumentException("bad restart condition \"" + restartCondition + "\"; use none, on-failure or any");
    }
    if (updateParallelism != null && updateParallelism < 0) {
      throw new IllegalArgumentException("--update-parallelism must be 0 (all at once) or more");
    }
    if (updateDelay != null && updateDelay.isNegative()) throw new IllegalArgumentException("--update-delay must not be negative");
    if (stopSignal != null) Kill.signal(stopSignal);
    args = List.copyOf(args);
  }

  /** The Engine API's ServiceSpec (JSON), as the docker CLI would send it. */
  public ObjectNode spec() {
    ObjectNode s = Swarm.JSON.createObjectNode();
    s.put("Name", name);
    s.set("Labels", Swarm.JSON.valueToTree(labels));
    ObjectNode task = s.putObject("TaskTemplate");
    ObjectNode container = task.putObject("ContainerSpec");
    container.put("Image", image);
    if (!containerLabels.isEmpty()) container.set("Labels", Swarm.JSON.valueToTree(containerLabels));
    if (!args.isEmpty()) container.set("Args", Swarm.JSON.valueToTree(args));
    if (!env.isEmpty()) {
      ArrayNode e = container.putArray("Env");
      env.forEach(v -> e.add(v.key() + "=" + v.value()));
    }
    if (stopSignal != null) container.put("StopSignal", stopSignal);
    if (restartCondition != null) task.putObject("RestartPolicy").put("Condition", restartCondition);
    if (!networks.isEmpty()) {
      ArrayNode n = task.putArray("Networks");
      networks.forEach(net -> n.addObject().put("Target", net)); // the engine resolves the name to its id
    }
    task.put("ForceUpdate", 0);
    s.putObject("Mode").putObject("Replicated").put("Replicas", replicas == null ? 1 : replicas);
    ObjectNode update = s.putObject("UpdateConfig");
    update.put("Parallelism", updateParallelism == null ? 1 : updateParallelism);
    if (updateDelay != null) update.put("Delay", updateDelay.toNanos());
    update.put("FailureAction", "pause").put("Monitor", Duration.ofSeconds(5).toNanos()).put("Order", "stop-first");
    ObjectNode rollback = s.putObject("RollbackConfig");
    rollback.put("Parallelism", 1).put("FailureAction", "pause").put("Monitor", Duration.ofSeconds(5).toNanos())
        .put("Order", "stop-first");
    ObjectNode endpoint = s.putObject("EndpointSpec");
    endpoint.put("Mode", "vip");
    if (!ports.isEmpty()) {
      ArrayNode p = endpoint.putArray("Ports");
      for (Run.PortBinding b : ports) {
        ObjectNode port = p.addObject().put("Protocol", b.protocol()).put("TargetPort", b.containerPort());
        if (b.hostPort() != null) port.put("PublishedPort", b.hostPort());
        port.put("PublishMode", "ingress");
      }
    }
    return s;
  }

  /** The flags that give this definition back (canonical text; values of variables masked). */
  void describe(Words w) {
    w.option("--name", name).optional("--replicas", replicas);
    env.forEach(e -> w.option("-e", io.berth.core.language.SecretMasking.maskAssignment(e.key() + "=")));
    ports.forEach(p -> w.option("-p", (p.hostPort() == null ? "" : p.hostPort() + ":") + p.containerPort() + "/" + p.protocol()));
    labels.forEach((k, v) -> w.option("--label", k + "=" + v));
    containerLabels.forEach((k, v) -> w.option("--container-label", k + "=" + v));
    networks.forEach(n -> w.option("--network", n));
    w.optional("--restart-condition", restartCondition).optional("--update-parallelism", updateParallelism);
    if (updateDelay != null) w.option("--update-delay", io.berth.core.config.DurationText.format(updateDelay));
    w.optional("--stop-signal", stopSignal).add(image).addAll(args);
  }
}
