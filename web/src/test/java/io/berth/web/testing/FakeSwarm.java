package io.berth.web.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.core.command.Events;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.SwarmObject;
import io.berth.core.result.Failure;
import io.berth.core.testing.RecordingContainerEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A Swarm manager in memory for console tests: nodes, services and their tasks as the Engine API's JSON, changes that
 * converge at once (every slot's task runs the new spec), and an event stream the test feeds ({@link #emit}). Every
 * other engine call goes to a {@link RecordingContainerEngine}.
 */
public final class FakeSwarm {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordingContainerEngine containers = new RecordingContainerEngine();
  private final Map<String, ObjectNode> nodes = new LinkedHashMap<>();
  private final Map<String, ObjectNode> services = new LinkedHashMap<>();
  private final List<ObjectNode> tasks = new CopyOnWriteArrayList<>();
  private final List<String> changes = new CopyOnWriteArrayList<>();
  private final List<BlockingQueue<Events.Event>> streams = new CopyOnWriteArrayList<>();
  private final String self;
  private long version = 10;

  public FakeSwarm(String selfNodeId) {
    this.self = selfNodeId;
  }

  public synchronized FakeSwarm node(String id, String hostname, String availability, String leader) {
    ObjectNode n = JSON.createObjectNode();
    n.put("ID", id);
    n.putObject("Version").put("Index", version++);
    n.putObject("Spec").put("Availability", availability).put("Role", leader == null ? "worker" : "manager");
    ObjectNode d = n.putObject("Description");
    d.put("Hostname", hostname);
    d.putObject("Engine").put("EngineVersion", "20.10.24");
    n.putObject("Status").put("State", "ready");
    if (leader != null) n.putObject("ManagerStatus").put("Leader", leader.equals("Leader")).put("Reachability", "reachable");
    nodes.put(id, n);
    return this;
  }

  /** A replicated service with {@code running} of {@code replicas} tasks running (the rest pending). */
  public synchronized FakeSwarm service(String id, String name, String image, int replicas, int running,
      Map<String, String> labels) {
    ObjectNode s = JSON.createObjectNode();
    s.put("ID", id);
    s.putObject("Version").put("Index", version++);
    s.put("UpdatedAt", Instant.now().toString());
    ObjectNode spec = s.putObject("Spec");
    spec.put("Name", name);
    ObjectNode l = spec.putObject("Labels");
    labels.forEach(l::put);
    spec.putObject("Mode").putObject("Replicated").put("Replicas", replicas);
    spec.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", image);
    ObjectNode port = s.putObject("Endpoint").putArray("Ports").addObject();
    port.put("Protocol", "tcp").put("TargetPort", 80).put("PublishedPort", 8080);
    services.put(id, s);
    converge(s, running);
    return this;
  }

  /** The tasks of {@code s} as its spec wants them: {@code running} slots running, the others pending. */
  private void converge(ObjectNode s, int running) {
    String id = s.path("ID").asText();
    tasks.removeIf(t -> t.path("ServiceID").asText().equals(id));
    int replicas = s.path("Spec").path("Mode").path("Replicated").path("Replicas").asInt();
    List<String> nodeIds = new ArrayList<>(nodes.keySet());
    for (int slot = 1; slot <= replicas; slot++) {
      ObjectNode t = JSON.createObjectNode();
      t.put("ID", id + "task" + slot + "v" + version);
      t.put("ServiceID", id);
      t.put("Slot", slot);
      t.put("NodeID", nodeIds.isEmpty() ? "" : nodeIds.get(slot % nodeIds.size()));
      t.put("DesiredState", "running");
      t.putObject("Meta").put("CreatedAt", Instant.now().toString());
      t.putObject("Spec").putObject("ContainerSpec").put("Image", s.path("Spec").path("TaskTemplate").path("ContainerSpec").path("Image").asText());
      t.putObject("Status").put("State", slot <= running ? "running" : "pending").put("Timestamp", Instant.now().toString())
          .put("Err", slot <= running ? "" : "no suitable node (insufficient resources on 2 nodes)");
      tasks.add(t);
    }
    s.putObject("ServiceStatus").put("RunningTasks", Math.min(running, replicas)).put("DesiredTasks", replicas);
  }

  /** The manager reports the service's tasks as {@code running} of its replicas (as task changes do, without an event). */
  public synchronized void running(String serviceId, int running) {
    converge(services.get(serviceId), running);
  }

  /** Sends an event to every open event stream, as the manager would. */
  public void emit(String type, String action, String id, Map<String, String> attributes) {
    Events.Event e = new Events.Event(Instant.now(), type, action, id, attributes);
    streams.forEach(q -> q.add(e));
  }

  public int eventStreams() {
    return streams.size();
  }

  /** The Swarm changes asked for: {@code update service NAME}, {@code update node ID}, {@code rm service NAME}. */
  public List<String> changes() {
    return List.copyOf(changes);
  }

  public ContainerEngine engine() {
    return (ContainerEngine) Proxy.newProxyInstance(ContainerEngine.class.getClassLoader(),
        new Class<?>[] {ContainerEngine.class}, (proxy, m, args) -> call(m, args));
  }

  private Object call(Method m, Object[] a) throws Throwable {
    switch (m.getName()) {
      case "swarmList":
        return list((SwarmObject) a[0], cast(a[1]));
      case "swarmInspect":
        return inspect((SwarmObject) a[0], (String) a[1]).toString();
      case "updateSwarmObject":
        return update((SwarmObject) a[0], (String) a[1], (String) a[3], (Boolean) a[4]);
      case "removeService":
        synchronized (this) {
          ObjectNode s = inspect(SwarmObject.SERVICE, (String) a[0]);
          services.remove(s.path("ID").asText());
          changes.add("rm service " + s.path("Spec").path("Name").asText());
        }
        return null;
      case "swarmNodeId":
        return self;
      case "followEvents":
        follow(cast(a[2]));
        return null;
      default:
        try {
          return m.invoke(containers, a);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }

  private void follow(java.util.function.Consumer<Events.Event> sink) {
    BlockingQueue<Events.Event> q = new LinkedBlockingQueue<>();
    streams.add(q);
    try {
      while (true) sink.accept(q.take());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // as the adapter: stopped, the flag kept for the caller
    } finally {
      streams.remove(q);
    }
  }

  private synchronized String list(SwarmObject kind, Map<String, List<String>> filters) {
    ArrayNode out = JSON.createArrayNode();
    switch (kind) {
      case NODE -> nodes.values().forEach(out::add);
      case SERVICE -> services.values().stream()
          .filter(s -> !filters.containsKey("name")
              || filters.get("name").stream().anyMatch(n -> s.path("Spec").path("Name").asText().startsWith(n)))
          .filter(s -> !filters.containsKey("id") || filters.get("id").stream().anyMatch(n -> s.path("ID").asText().startsWith(n)))
          .forEach(out::add);
      case TASK -> tasks.stream()
          .filter(t -> !filters.containsKey("service") || filters.get("service").contains(t.path("ServiceID").asText()))
          .forEach(out::add);
    }
    return out.toString();
  }

  private synchronized ObjectNode inspect(SwarmObject kind, String ref) {
    Map<String, ObjectNode> all = kind == SwarmObject.NODE ? nodes : services;
    for (ObjectNode o : all.values()) {
      String name = kind == SwarmObject.NODE ? o.path("Description").path("Hostname").asText() : o.path("Spec").path("Name").asText();
      if (o.path("ID").asText().equals(ref) || name.equals(ref)) return o;
    }
    throw new EngineException(Failure.NOT_FOUND, "No such " + kind.noun() + ": " + ref);
  }

  private synchronized String update(SwarmObject kind, String id, String specJson, boolean rollback) throws Exception {
    ObjectNode o = inspect(kind, id);
    JsonNode spec = JSON.readTree(specJson);
    o.putObject("Version").put("Index", version++);
    o.put("UpdatedAt", Instant.now().toString());
    if (kind == SwarmObject.NODE) {
      o.set("Spec", spec);
      changes.add("update node " + id + " " + spec.path("Availability").asText());
    } else {
      if (!rollback) o.set("Spec", spec);
      changes.add((rollback ? "rollback service " : "update service ") + o.path("Spec").path("Name").asText());
      converge(o, o.path("Spec").path("Mode").path("Replicated").path("Replicas").asInt());
    }
    return "{}";
  }
}
