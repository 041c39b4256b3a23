package io.berth.core.adapter.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.github.dockerjava.transport.DockerHttpClient;
import io.berth.core.command.Events;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A window of engine events: {@code GET /events?since&until} ends when the engine reaches
 * {@code until}, so the call is bounded by it (the core keeps it near now). Keeps the newest
 * {@code max}; counts the rest.
 */
final class EventHistory {
  private final EngineApi api;

  EventHistory(EngineApi api) {
    this.api = api;
  }

  Events.History read(Instant since, Instant until, Map<String, List<String>> filters, int max) {
    String query = "/events?since=" + unix(since) + "&until=" + unix(until)
        + (filters.isEmpty() ? "" : "&filters=" + EngineApi.filters(filters));
    return api.call(DockerHttpClient.Request.Method.GET, query, body -> {
      Deque<Events.Event> kept = new ArrayDeque<>();
      int dropped = 0;
      try (MappingIterator<JsonNode> it = EngineApi.JSON.readerFor(JsonNode.class).readValues(body)) {
        while (it.hasNextValue()) {
          kept.addLast(event(it.nextValue()));
          if (kept.size() > max) {
            kept.removeFirst();
            dropped++;
          }
        }
      }
      return new Events.History(List.copyOf(kept), dropped);
    });
  }

  static Events.Event event(JsonNode n) {
    long nanos = n.path("timeNano").asLong(0);
    Instant time = nanos != 0 ? Instant.ofEpochSecond(0, nanos) : Instant.ofEpochSecond(n.path("time").asLong(0));
    JsonNode actor = n.path("Actor");
    Map<String, String> attributes = new LinkedHashMap<>();
    actor.path("Attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
    return new Events.Event(time, n.path("Type").asText(""), n.path("Action").asText(""), actor.path("ID").asText(""),
        attributes);
  }

  /** docker's timestamp form: seconds.nanoseconds. */
  static String unix(Instant t) {
    return t.getEpochSecond() + "." + String.format(java.util.Locale.ROOT, "%09d", t.getNano());
  }
}
