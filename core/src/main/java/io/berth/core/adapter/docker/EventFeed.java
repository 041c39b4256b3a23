package io.berth.core.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.berth.core.model.Subscription;
import io.berth.core.result.ContainerEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Container events for as long as the subscription lives. The engine ends the stream when it
 * restarts; the feed then reopens it with backoff, asking for events {@code since} the last one seen
 * so nothing in between is lost, and skips the replayed ones it already delivered.
 */
final class EventFeed implements Subscription {
  private static final Logger log = LoggerFactory.getLogger(EventFeed.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final DockerClient client;
  private final Consumer<ContainerEvent> sink;
  private final Thread worker;
  private volatile boolean closed;
  private volatile ResultCallback.Adapter<Event> current;
  /** Engine time (ns since epoch) of the newest delivered event: replays at or before it are skipped. */
  private long lastNanos;
  private final java.util.Set<String> deliveredAtLast = new java.util.HashSet<>();

  EventFeed(DockerClient client, Consumer<ContainerEvent> sink, String endpoint) {
    this.client = client;
    this.sink = sink;
    Instant now = Instant.now();
    this.lastNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    this.worker = new Thread(this::loop, "berth-events-" + endpoint);
    this.worker.setDaemon(true);
  }

  /** Opens the first stream and waits (briefly) until the engine has accepted it. */
  EventFeed start() {
    current = open();
    try {
      current.awaitStarted(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    worker.start();
    return this;
  }

  private void loop() {
    Duration backoff = Duration.ofMillis(200);
    while (!closed) {
      try {
        current.awaitCompletion();
      } catch (InterruptedException e) {
        if (closed) return;
        Thread.currentThread().interrupt();
        return;
      }
      if (closed) return;
      log.info("engine event stream ended; reopening in {} ms", backoff.toMillis());
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      if (closed) return;
      ResultCallback.Adapter<Event> next = open();
      current = next;
      try {
        if (next.awaitStarted(5, TimeUnit.SECONDS)) backoff = Duration.ofMillis(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private ResultCallback.Adapter<Event> open() {
    ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Event e) {
        deliver(e);
      }

      @Override
      public void onError(Throwable t) {
        if (!closed) log.debug("event stream error: {}", t.toString());
        super.onError(t);
      }
    };
    try {
      String since;
      synchronized (this) {
        since = (lastNanos / 1_000_000_000L) + "." + String.format("%09d", lastNanos % 1_000_000_000L);
      }
      return client.eventsCmd().withEventTypeFilter(EventType.CONTAINER).withSince(since).exec(callback);
    } catch (RuntimeException e) {
      // engine down: a finished callback makes the loop retry with backoff
      log.debug("could not open event stream: {}", e.toString());
      callback.onError(e);
      return callback;
    }
  }

  private void deliver(Event e) {
    if (closed || e.getType() != EventType.CONTAINER) return;
    long nanos = e.getTimeNano() != null ? e.getTimeNano()
        : (e.getTime() == null ? 0 : e.getTime() * 1_000_000_000L);
    String id = e.getActor() != null && e.getActor().getId() != null ? e.getActor().getId() : e.getId();
    String key = id + "|" + e.getAction() + "|" + nanos;
    synchronized (this) {
      if (nanos < lastNanos) return;
      if (nanos == lastNanos && !deliveredAtLast.add(key)) return;
      if (nanos > lastNanos) {
        lastNanos = nanos;
        deliveredAtLast.clear();
        deliveredAtLast.add(key);
      }
    }
    Map<String, String> attrs = e.getActor() == null || e.getActor().getAttributes() == null
        ? Map.of() : new HashMap<>(e.getActor().getAttributes());
    attrs.values().removeIf(java.util.Objects::isNull);
    String action = e.getAction() == null ? String.valueOf(e.getStatus()) : e.getAction();
    Integer exitCode = null;
    if (attrs.containsKey("exitCode")) {
      try {
        exitCode = Integer.valueOf(attrs.get("exitCode"));
      } catch (NumberFormatException ignored) {
        exitCode = null;
      }
    }
    ContainerEvent event = new ContainerEvent(Instant.ofEpochSecond(0, nanos), id,
        attrs.getOrDefault("name", ""), action, exitCode, attrs);
    try {
      sink.accept(event);
    } catch (RuntimeException ex) {
      log.warn("event sink failed on {} {}: {}", action, id, ex.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    ResultCallback.Adapter<Event> c = current;
    if (c != null) {
      try {
        c.close();
      } catch (java.io.IOException ignored) {
        // already closed
      }
    }
    worker.interrupt();
  }
}
