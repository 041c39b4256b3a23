package io.berth.core.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.berth.core.engine.ContainerStates;
import io.berth.core.engine.EngineException;
import io.berth.core.result.EngineStatus;
import io.berth.core.engine.ResilientStream;
import io.berth.core.model.Subscription;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Container events for as long as the subscription lives, across engine restarts
 * ({@link ResilientStream}: bounded backoff, open timeout, liveness probe). A reopened stream asks
 * for events {@code since} the last one seen (skipping replays already delivered), and the
 * container list is reconciled with what was known ({@link ContainerStates}): what changed while
 * the engine was down arrives as synthetic events, each change once.
 */
final class EventFeed implements Subscription {
  private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

  private final DockerClient client;
  private final DockerErrors errors;
  private final Supplier<List<ContainerSummary>> lister;
  private final Consumer<ContainerEvent> sink;
  private final ResilientStream stream;
  private final ContainerStates states = new ContainerStates();
  /** Serializes the sink: real events (engine thread) and synthetic ones (stream thread). */
  private final Object sinkLock = new Object();
  private volatile boolean closed;
  /** Engine time (ns since epoch) of the newest delivered event (0: none yet); replays before it are skipped. */
  private long lastNanos;
  /** Local time the feed began: where a reopen resumes when no event arrived before the stream broke. */
  private final long openedAtNanos;
  private final Set<String> deliveredAtLast = new HashSet<>();

  EventFeed(DockerClient client, DockerErrors errors, Supplier<List<ContainerSummary>> lister, BooleanSupplier alive,
      Consumer<ContainerEvent> sink, Consumer<EngineStatus> status, String endpoint) {
    this.client = client;
    this.errors = errors;
    this.lister = lister;
    this.sink = sink;
    Instant now = Instant.now();
    this.openedAtNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    this.stream = new ResilientStream("berth-events-" + endpoint, new ResilientStream.Source() {
      @Override
      public ResilientStream.Attempt open(boolean reopening) {
        return EventFeed.this.open(reopening);
      }

      @Override
      public boolean alive() {
        return alive.getAsBoolean();
      }

      @Override
      public void started(boolean resumed) {
        reconcile();
      }
    }, ResilientStream.Timing.EVENTS, status);
  }

  EventFeed start() {
    // What exists when the caller subscribes. The first stream is live-only, so whatever changes
    // before the engine answers it (a busy engine can take seconds) is then reported by the first
    // start's reconciliation instead of being lost.
    try {
      states.beginSeed();
      states.seed(lister.get());
    } catch (EngineException e) {
      log.debug("engine not answering at subscription; the first start seeds the known containers: {}", e.getMessage());
    }
    stream.start();
    return this;
  }

  private StreamAttempt<Event> open(boolean reopening) {
    Long sinceNanos = null;
    if (reopening) {
      synchronized (this) {
        // the first stream is live-only (no clock skew issue); reopens replay from the last event seen
        sinceNanos = lastNanos > 0 ? lastNanos : openedAtNanos;
      }
    }
    StreamAttempt<Event> attempt = new StreamAttempt<>(this::deliver, errors);
    var cmd = client.eventsCmd().withEventTypeFilter(EventType.CONTAINER);
    if (sinceNanos != null) {
      cmd.withSince((sinceNanos / 1_000_000_000L) + "." + String.format("%09d", sinceNanos % 1_000_000_000L));
    }
    try {
      return attempt.send(() -> cmd.exec(attempt));
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }

  /** After every start: compares the list with what is known (seeded at subscription) and reports what was missed. */
  private void reconcile() {
    try {
      if (!states.seeded()) {
        states.beginSeed();
        states.seed(lister.get());
        return;
      }
      List<ContainerEvent> missed = states.reconcile(lister.get(), Instant.now());
      if (!missed.isEmpty()) log.info("engine stream (re)opened: {} container change(s) happened meanwhile", missed.size());
      missed.forEach(this::emit);
    } catch (EngineException e) {
      // the engine went away again: the next start reconciles
      log.debug("could not list containers after reopening the event stream: {}", e.getMessage());
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
    attrs.values().removeIf(Objects::isNull);
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
    if (!states.observe(event)) return; // already reported by reconciliation
    emit(event);
  }

  private void emit(ContainerEvent event) {
    if (closed) return;
    synchronized (sinkLock) {
      try {
        sink.accept(event);
      } catch (RuntimeException ex) {
        log.warn("event sink failed on {} {}: {}", event.action(), event.containerId(), ex.toString());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    stream.close();
  }
}
