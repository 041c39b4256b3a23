package io.berth.core.adapter.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.github.dockerjava.transport.DockerHttpClient;
import io.berth.core.command.Events;
import io.berth.core.engine.EngineException;
import io.berth.core.result.Failure;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Engine events, a window or followed. A window: {@code GET /events?since&until} ends when the engine reaches
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
      try (MappingIterator<JsonNode> it = EngineApi.json().readerFor(JsonNode.class).readValues(body)) {
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

  /**
   * {@code GET /events?since} without {@code until}: the engine keeps the stream open. A reader thread hands each
   * event to {@code sink}; this thread waits for it, and on an interrupt closes the response (which aborts the
   * connection: a socket read cannot be interrupted), so the reader ends.
   */
  void follow(Instant since, Map<String, List<String>> filters, Consumer<Events.Event> sink) {
    String query = "/events?" + (since == null ? "" : "since=" + unix(since) + "&")
        + (filters.isEmpty() ? "" : "filters=" + EngineApi.filters(filters));
    DockerHttpClient.Response response = api.open(DockerHttpClient.Request.Method.GET, query);
    AtomicBoolean stopped = new AtomicBoolean();
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    CountDownLatch ended = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (MappingIterator<JsonNode> it = EngineApi.json().readerFor(JsonNode.class).readValues(response.getBody())) {
        while (it.hasNextValue()) sink.accept(event(it.nextValue()));
      } catch (IOException | RuntimeException e) {
        if (!stopped.get()) failed.set(e instanceof RuntimeException r ? r : new EngineException(Failure.ENGINE_UNREACHABLE,
            "the engine's event stream broke off: " + e.getMessage(), e));
      } finally {
        ended.countDown();
      }
    }, "berth-events-follow");
    reader.setDaemon(true);
    reader.start();
    try {
      ended.await();
    } catch (InterruptedException e) {
      stopped.set(true);
      Thread.currentThread().interrupt(); // the caller's signal to stop, kept for it
    } finally {
      closeQuietly(response);
    }
    if (failed.get() != null) throw failed.get();
  }

  private static void closeQuietly(DockerHttpClient.Response response) {
    try {
      response.close();
    } catch (RuntimeException e) {
      // aborting the connection is all that is wanted
    }
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
