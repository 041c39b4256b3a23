package io.berth.core.adapter.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.engine.SwarmObject;
import java.util.List;
import java.util.Map;

/**
 * Nodes, services and tasks over a manager's Engine API, as its own JSON (docker-java's Swarm models drop fields
 * docker prints). A reference reaching a path is checked by docker's grammar and sent as one escaped segment, as
 * for networks and volumes ({@link EngineObjects}, whose call this uses).
 */
final class SwarmObjects {
  private final EngineObjects api;

  SwarmObjects(EngineObjects api) {
    this.api = api;
  }

  String list(SwarmObject kind, Map<String, List<String>> filters) {
    String query = EngineObjects.filterQuery(filters);
    if (kind == SwarmObject.SERVICE) query += (query.isEmpty() ? "?" : "&") + "status=true"; // RunningTasks/DesiredTasks
    return api.call("GET", "/" + kind.collection() + query, null).toString();
  }

  String inspect(SwarmObject kind, String ref) {
    return api.call("GET", "/" + kind.collection() + "/" + EngineObjects.segment(ref, kind.noun()), null).toString();
  }

  String createService(String specJson) {
    return api.call("POST", "/services/create", tree(specJson)).toString();
  }

  String update(SwarmObject kind, String id, long version, String specJson, boolean rollback) {
    String path = "/" + kind.collection() + "/" + EngineObjects.segment(id, kind.noun()) + "/update?version=" + version
        + (rollback ? "&rollback=previous" : "");
    return api.call("POST", path, tree(specJson)).toString();
  }

  /** {@code GET /info}'s {@code Swarm.NodeID}: the node this engine is, or null outside a Swarm. */
  String selfNodeId() {
    String id = api.call("GET", "/info", null).path("Swarm").path("NodeID").asText("");
    return id.isEmpty() ? null : id;
  }

  void removeService(String id) {
    api.call("DELETE", "/services/" + EngineObjects.segment(id, "service"), null);
  }

  private static JsonNode tree(String json) {
    try {
      return EngineApi.json().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e); // the core wrote it
    }
  }
}
