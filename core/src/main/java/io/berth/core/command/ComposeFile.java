package io.berth.core.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.language.CommandTokenizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compose subset {@code stack deploy} takes, read by Jackson into these records: {@code services.*.image,
 * command, environment, ports, labels, networks, deploy.replicas, deploy.update_config.parallelism/delay,
 * deploy.restart_policy.condition}, top-level {@code networks} (overlay) and {@code version}. Any other key is
 * refused by its path ({@code services.web.build is not supported by stack deploy in Berth}), so nothing in a
 * file is silently dropped.
 */
public record ComposeFile(String version, Map<String, Service> services, Map<String, Network> networks) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  /** Largest compose file read (as for env files). */
  static final long MAX_BYTES = Execution.MAX_RUN_FILE_BYTES;

  public ComposeFile {
    services = services == null ? Map.of() : new TreeMap<>(services);
    networks = networks == null ? Map.of() : new TreeMap<>(networks);
  }

  public record Service(String image, Object command, Object environment, List<Object> ports, Object labels, Object networks,
      Deploy deploy) {}

  public record Deploy(Integer replicas, @JsonProperty("update_config") UpdateConfig updateConfig,
      @JsonProperty("restart_policy") RestartPolicy restartPolicy) {}

  public record UpdateConfig(Integer parallelism, String delay) {}

  public record RestartPolicy(String condition) {}

  public record Network(String driver) {}

  /** Reads the file's text; errors say where ({@code services.web.build …}). */
  public static ComposeFile parse(String yaml) {
    ComposeFile f;
    try {
      f = YAML.readValue(yaml, ComposeFile.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(path(e) + " is not supported by stack deploy in Berth");
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException("compose file: " + (e.getPath().isEmpty() ? "" : path(e) + ": ") + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("compose file is not YAML: " + e.getOriginalMessage());
    }
    if (f == null || f.services().isEmpty()) throw new IllegalArgumentException("compose file has no services");
    f.networks().forEach((name, n) -> {
      if (n != null && n.driver() != null && !n.driver().equals("overlay")) {
        throw new IllegalArgumentException("networks." + name + ".driver: a stack's networks are overlay networks, not " + n.driver());
      }
    });
    return f;
  }

  /** The path of the key Jackson stopped at: {@code services.web.build}. */
  private static String path(JsonMappingException e) {
    List<String> parts = new ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath()) {
      parts.add(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
    }
    return String.join(".", parts);
  }

  /** The stack's network names as the file uses them (those its services name, plus {@code default} when one names none). */
  List<String> networksUsed() {
    List<String> out = new ArrayList<>(networks.keySet());
    services.forEach((name, s) -> {
      List<String> mine = serviceNetworks(name, s);
      if (mine.isEmpty() && !out.contains("default")) out.add("default");
      for (String n : mine) {
        if (!networks.containsKey(n)) {
          throw new IllegalArgumentException("services." + name + ".networks: network " + n + " is not declared under networks");
        }
      }
    });
    return out;
  }

  /** Each service as {@code STACK_NAME}, labelled with the stack as docker does, on the stack's networks. */
  List<ServiceDefinition> definitions(String stack) {
    List<ServiceDefinition> out = new ArrayList<>();
    services.forEach((name, s) -> {
      String at = "services." + name;
      if (s == null || s.image() == null) throw new IllegalArgumentException(at + ".image is required");
      ArgumentReader in = ArgumentReader.forFile("stack deploy");
      try {
        List<Run.EnvVar> env = new ArrayList<>();
        assignments(s.environment(), at + ".environment").forEach((k, v) -> env.add(in.env(k + "=" + v)));
        List<Run.PortBinding> ports = new ArrayList<>();
        for (Object p : s.ports() == null ? List.of() : s.ports()) {
          if (!(p instanceof String) && !(p instanceof Number)) {
            throw new IllegalArgumentException(at + ".ports: only the short syntax (\"8080:80\") is supported by stack deploy in Berth");
          }
          ports.add(in.port(p.toString()));
        }
        Map<String, String> serviceLabels = new LinkedHashMap<>();
        serviceLabels.put(Swarm.STACK_LABEL, stack);
        serviceLabels.put("com.docker.stack.image", s.image());
        Map<String, String> containerLabels = new LinkedHashMap<>(assignments(s.labels(), at + ".labels"));
        containerLabels.put(Swarm.STACK_LABEL, stack);
        List<String> nets = serviceNetworks(name, s);
        List<String> networkNames = (nets.isEmpty() ? List.of("default") : nets).stream().map(n -> stack + "_" + n).toList();
        Deploy d = s.deploy() == null ? new Deploy(null, null, null) : s.deploy();
        Duration delay = d.updateConfig() == null || d.updateConfig().delay() == null ? null
            : in.duration(at + ".deploy.update_config.delay", d.updateConfig().delay());
        out.add(new ServiceDefinition(stack + "_" + name, s.image(), d.replicas(), env, ports, serviceLabels, containerLabels,
            networkNames, d.restartPolicy() == null ? null : d.restartPolicy().condition(),
            d.updateConfig() == null ? null : d.updateConfig().parallelism(), delay, null, command(s.command(), at)));
      } catch (CommandSyntaxException e) {
        throw new IllegalArgumentException(at + ": " + e.getMessage().replaceFirst("^stack deploy: ", ""));
      }
    });
    return out;
  }

  private static List<String> serviceNetworks(String name, Service s) {
    if (s == null || s.networks() == null) return List.of();
    if (s.networks() instanceof List<?> l) return l.stream().map(Object::toString).toList();
    if (s.networks() instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (v != null) {
          throw new IllegalArgumentException("services." + name + ".networks." + k + " settings are not supported by stack deploy in Berth");
        }
      });
      return m.keySet().stream().map(Object::toString).toList();
    }
    throw new IllegalArgumentException("services." + name + ".networks must be a list or a map");
  }

  /** compose's list ({@code K=V}) or map form of environment and labels. */
  private static Map<String, String> assignments(Object value, String at) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) return out;
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (v == null) throw new IllegalArgumentException(at + "." + k + " has no value (Berth does not pass its own environment)");
        out.put(k.toString(), v.toString());
      });
    } else if (value instanceof List<?> l) {
      for (Object o : l) {
        String kv = o.toString();
        int eq = kv.indexOf('=');
        if (eq < 1) throw new IllegalArgumentException(at + ": \"" + kv + "\" is not KEY=VALUE");
        out.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    } else {
      throw new IllegalArgumentException(at + " must be a list of KEY=VALUE or a map");
    }
    return out;
  }

  /** compose's command: a list as it is, a string split into words as the shell would (no shell runs it). */
  private static List<String> command(Object command, String at) {
    if (command == null) return List.of();
    if (command instanceof List<?> l) return l.stream().map(Object::toString).toList();
    try {
      return CommandTokenizer.split(command.toString()).stream().map(CommandTokenizer.Token::value).toList();
    } catch (CommandSyntaxException e) {
      throw new IllegalArgumentException(at + ".command: " + e.getMessage());
    }
  }
}
