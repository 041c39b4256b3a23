package io.berth.core.adapter.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.transport.DockerHttpClient;
import io.berth.core.command.ContainerName;
import io.berth.core.engine.EngineException;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.NetworkSummary;
import io.berth.core.result.VolumeSummary;
import io.berth.core.result.VolumesPruned;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Networks and volumes over the Engine API's own JSON: docker-java's models drop fields docker
 * prints ({@code inspect}) and its commands lack some (volume {@code rm --force}, the names a prune
 * deleted), so these few calls are made here. Every name reaching a path is checked by docker's
 * grammar first and sent as one escaped path segment.
 */
final class EngineObjects {
  private final DockerClients clients;
  private final DockerErrors errors;

  EngineObjects(DockerClients clients, DockerErrors errors) {
    this.clients = clients;
    this.errors = errors;
  }

  List<NetworkSummary> networks(Map<String, List<String>> filters) {
    List<NetworkSummary> out = new ArrayList<>();
    for (JsonNode n : call("GET", "/networks" + filterQuery(filters), null)) {
      out.add(new NetworkSummary(n.path("Id").asText(), n.path("Name").asText(), n.path("Driver").asText(),
          n.path("Scope").asText(), labels(n.path("Labels")), n.path("EnableIPv6").asBoolean(false),
          n.path("Internal").asBoolean(false), n.path("Created").asText("")));
    }
    return out;
  }

  /** The engine's document; attached containers {@code visible} rejects are left out (ids, names and addresses are theirs). */
  String inspectNetwork(String ref, Predicate<ContainerSummary> visible, Function<String, List<ContainerSummary>> attached) {
    JsonNode n = call("GET", "/networks/" + segment(ref, "network"), null);
    if (n.path("Containers") instanceof ObjectNode containers && containers.size() > 0) {
      Set<String> shown = new HashSet<>();
      for (ContainerSummary c : attached.apply(n.path("Id").asText())) {
        if (visible.test(c)) shown.add(c.id());
      }
      containers.retain(shown);
    }
    return DockerJson.indent(n);
  }

  String createNetwork(String name, String driver, String subnet, Map<String, String> labels, boolean internal) {
    ObjectNode body = EngineApi.json().createObjectNode();
    body.put("Name", checkedName(name, "network"));
    body.put("CheckDuplicate", true); // the engine before API 1.44 would otherwise make a second network of the same name
    body.put("Driver", driver);
    body.put("Internal", internal);
    if (subnet != null) body.putObject("IPAM").put("Driver", "default").putArray("Config").addObject().put("Subnet", subnet);
    body.set("Labels", EngineApi.json().valueToTree(labels));
    return call("POST", "/networks/create", body).path("Id").asText();
  }

  void removeNetwork(String ref) {
    call("DELETE", "/networks/" + segment(ref, "network"), null);
  }

  List<VolumeSummary> volumes(Map<String, List<String>> filters) {
    List<VolumeSummary> out = new ArrayList<>();
    for (JsonNode v : call("GET", "/volumes" + filterQuery(filters), null).path("Volumes")) {
      out.add(new VolumeSummary(v.path("Name").asText(), v.path("Driver").asText(), labels(v.path("Labels"))));
    }
    return out;
  }

  String inspectVolume(String name) {
    return DockerJson.indent(call("GET", "/volumes/" + segment(name, "volume"), null));
  }

  String createVolume(String name, Map<String, String> labels) {
    ObjectNode body = EngineApi.json().createObjectNode();
    if (name != null) body.put("Name", checkedName(name, "volume"));
    body.put("Driver", "local");
    if (!labels.isEmpty()) body.set("Labels", EngineApi.json().valueToTree(labels)); // none: null, as docker's CLI sends
    return call("POST", "/volumes/create", body).path("Name").asText();
  }

  void removeVolume(String name, boolean force) {
    call("DELETE", "/volumes/" + segment(name, "volume") + "?force=" + force, null);
  }

  VolumesPruned pruneVolumes(boolean all, Map<String, List<String>> filters) {
    Map<String, List<String>> f = new LinkedHashMap<>(filters);
    if (all) f.put("all", List.of("true"));
    JsonNode r = call("POST", "/volumes/prune" + filterQuery(f), null);
    List<String> names = new ArrayList<>();
    for (JsonNode n : r.path("VolumesDeleted")) names.add(n.asText());
    return new VolumesPruned(names, r.path("SpaceReclaimed").asLong());
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }

  static String filterQuery(Map<String, List<String>> filters) {
    if (filters.isEmpty()) return "";
    return "?filters=" + URLEncoder.encode(EngineApi.json().valueToTree(filters).toString(), StandardCharsets.UTF_8);
  }

  /** A name or id by docker's grammar, as one path segment; anything else cannot exist, so it is not found. */
  static String segment(String ref, String kind) {
    if (!ContainerName.isObjectReference(ref)) throw new EngineException(Failure.NOT_FOUND, "No such " + kind + ": " + ref);
    return ImageOperations.pathSegment(ref);
  }

  private static String checkedName(String name, String kind) {
    if (!ContainerName.isName(name)) {
      throw new EngineException(Failure.INVALID, "invalid " + kind + " name \"" + name + "\", only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    return name;
  }

  JsonNode call(String method, String path, JsonNode body) {
    DockerHttpClient.Request.Builder b = DockerHttpClient.Request.builder().method(method).path(path);
    if (body != null) {
      b.putHeader("Content-Type", "application/json").body(new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)));
    }
    try (DockerHttpClient.Response response = clients.http().execute(b.build())) {
      String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      if (response.getStatusCode() / 100 != 2) {
        throw errors.fromStatus(response.getStatusCode(), DockerErrors.messageFromBody(text), null);
      }
      return text.isBlank() ? EngineApi.json().createObjectNode() : EngineApi.json().readTree(text);
    } catch (IOException e) {
      throw errors.unreachable(e, e);
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }
}
