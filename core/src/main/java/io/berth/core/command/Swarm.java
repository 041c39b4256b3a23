package io.berth.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.SwarmObject;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the Swarm commands (node, service, stack) share: swarmkit's name grammar, reading the engine's documents,
 * and scope. A service is a target like a container: the caller's scope is asked about its name and labels, and a
 * service outside it reads as not found (and is left out of lists), as a container would.
 */
public final class Swarm {
  /** swarmkit's {@code isValidDNSName} (manager/controlapi), at most 63 characters: service and stack names. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*");
  /** docker's label naming a stack's services and networks (the CLI's {@code convert.LabelNamespace}). */
  public static final String STACK_LABEL = "com.docker.stack.namespace";
  static final ObjectMapper JSON = new ObjectMapper();

  private Swarm() {}

  /** True for a name swarmkit accepts for a service (and so for a stack, whose services are {@code STACK_SERVICE}). */
  public static boolean isName(String name) {
    return name != null && name.length() <= 63 && NAME.matcher(name).matches();
  }

  /** The name, or an error that says what swarmkit accepts. */
  static String name(String what, String name) {
    if (!isName(name)) {
      throw new IllegalArgumentException("invalid " + what + " name \"" + name + "\": use letters and digits, "
          + "with - or _ only between them, at most 63 characters (swarmkit's DNS-name rule)");
    }
    return name;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new EngineException(Failure.INTERNAL, "the engine answered with something that is not JSON: " + e.getMessage());
    }
  }

  static List<JsonNode> list(Execution x, SwarmObject kind, Map<String, List<String>> filters) {
    List<JsonNode> out = new ArrayList<>();
    json(x.engine().swarmList(kind, filters)).forEach(out::add);
    return out;
  }

  static Map<String, String> labels(JsonNode labels) {
    Map<String, String> m = new LinkedHashMap<>();
    labels.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  /** A service as the caller's scope sees it: its name and labels, as a container's would be. */
  static boolean visible(Execution x, JsonNode service) {
    return x.inScope().test(asTarget(service));
  }

  /** A service document (the engine's JSON) as the target scope is asked about: its id, name, image and labels. */
  public static ContainerSummary asTarget(String serviceJson) {
    return asTarget(json(serviceJson));
  }

  private static ContainerSummary asTarget(JsonNode service) {
    JsonNode spec = service.path("Spec");
    return new ContainerSummary(service.path("ID").asText(), spec.path("Name").asText(),
        spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText(), "", "", List.of(), Instant.EPOCH,
        labels(spec.path("Labels")));
  }

  /** The services the caller may see, matching docker's service filters. */
  static List<JsonNode> services(Execution x, Map<String, List<String>> filters) {
    return list(x, SwarmObject.SERVICE, filters).stream().filter(s -> visible(x, s)).toList();
  }

  /** One service by name, id or id prefix; NOT_FOUND, as docker says it, when there is none or it is out of scope. */
  static JsonNode service(Execution x, String ref) {
    JsonNode s;
    try {
      s = json(x.engine().swarmInspect(SwarmObject.SERVICE, ref));
    } catch (EngineException e) {
      if (e.kind() != Failure.NOT_FOUND) throw e;
      throw notFound(ref);
    }
    if (!visible(x, s)) throw notFound(ref);
    return s;
  }

  /** Sends {@code spec} as the service's new spec at the version read (the engine refuses it if another change came first). */
  static void update(Execution x, JsonNode service, JsonNode spec, boolean rollback) {
    x.engine().updateSwarmObject(SwarmObject.SERVICE, service.path("ID").asText(), service.path("Version").path("Index").asLong(),
        spec.toString(), rollback);
  }

  static EngineException notFound(String ref) {
    return new EngineException(Failure.NOT_FOUND, "service " + ref + " not found");
  }

  /** Output docker prints as it is (tables, ids, rollout progress), and an error line per target that failed. */
  public record Printed(String output, List<String> errors) implements Result {
    public Printed {
      errors = List.copyOf(errors);
    }

    public Printed(String output) {
      this(output, List.of());
    }

    @Override
    public String text(PlainTextRenderer r) {
      return output;
    }

    @Override
    public boolean failed() {
      return !errors.isEmpty();
    }
  }
}
