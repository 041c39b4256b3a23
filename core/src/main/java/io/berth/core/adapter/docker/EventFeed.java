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
  /** Engine time (ns since epoch) of the newest delivered event (0: none yet); replays before it are skipped. */
  private long lastNanos;
  /** Local time the feed began: where a reopen resumes when no event arrived before the stream broke. */
  private final long openedAtNanos;
  private boolean opened;
  private final java.util.Set<String> deliveredAtLast = new java.util.HashSet<>();

  EventFeed(DockerClient client, Consumer<ContainerEvent> sink, String endpoint) {
    this.client = client;
    this.sink = sink;
    Instant now = Instant.now();
    this.openedAtNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    this.worker = new Thread(this::loop, "berth-events-" + endpoint);
    this.worker.setDaemon(true);
  }

  /** Opens the first stream and waits (briefly) until the engine has accepted it. */
  EventFeed start() {
    current = open();
    awaitOpenOrEnded(current, Duration.ofSeconds(5));
    worker.start();
    return this;
  }

  private void loop() {
    Duration backoff = Duration.ofMillis(200);
    while (!closed) {
      try {
        current.awaitCompletion();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException streamFailed) {
        // the stream broke (engine restarted, connection cut): reopen below
        log.debug("event stream failed: {}", streamFailed.toString());
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
      if (awaitOpenOrEnded(next, Duration.ofSeconds(5))) backoff = Duration.ofMillis(200);
    }
  }

  /** True once the engine accepted the stream; false when it ended first (engine down) or time ran out. */
  private static boolean awaitOpenOrEnded(ResultCallback.Adapter<Event> cb, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (cb.awaitStarted(50, TimeUnit.MILLISECONDS)) return true;
        if (cb.awaitCompletion(0, TimeUnit.MILLISECONDS)) return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException ended) {
      return false;
    }
    return false;
  }

  private ResultCallback.Adapter<Event> open() {
    ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Event e) {
        deliver(e);
      }

      @Override
      public void onError(Throwable t) {
        // a broken stream is expected (engine restart): end this one quietly; the loop reopens it
        if (!closed) log.debug("event stream error: {}", t.toString());
        onComplete();
      }
    };
    try {
      Long sinceNanos;
      synchronized (this) {
        // the first stream is live-only (no clock skew issue); reopens replay from the last event seen
        sinceNanos = !opened ? null : (lastNanos > 0 ? lastNanos : openedAtNanos);
        opened = true;
      }
      var cmd = client.eventsCmd().withEventTypeFilter(EventType.CONTAINER);
      if (sinceNanos != null) {
        cmd.withSince((sinceNanos / 1_000_000_000L) + "." + String.format("%09d", sinceNanos % 1_000_000_000L));
      }
      return cmd.exec(callback);
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
