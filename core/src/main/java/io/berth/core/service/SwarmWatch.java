package io.berth.core.service;

import io.berth.core.command.Events;
import io.berth.core.command.Swarm;
import io.berth.core.engine.Backoff;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.SwarmObject;
import io.berth.core.model.Subscription;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.EngineStatus;
import io.berth.core.result.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manager's {@code service} and {@code node} events (docker 20.10 emits no task events), followed on a thread of
 * its own until closed and reopened with backoff when the engine goes away, from the last event seen. A service
 * event reaches the sink only when the service is in the watcher's scope; a removal (the service is gone, so its
 * scope cannot be asked) arrives without its name or attributes.
 */
final class SwarmWatch implements Subscription {
  private static final Logger log = LoggerFactory.getLogger(SwarmWatch.class);
  static final Map<String, List<String>> TYPES = Map.of("type", List.of("service", "node"));

  private final ContainerEngine engine;
  private final Predicate<ContainerSummary> inScope;
  private final Consumer<Events.Event> sink;
  private final Consumer<EngineStatus> status;
  private final Thread thread;
  private volatile boolean closed;
  private volatile Instant last;

  SwarmWatch(String context, ContainerEngine engine, Predicate<ContainerSummary> inScope, Consumer<Events.Event> sink,
      Consumer<EngineStatus> status) {
    this.engine = engine;
    this.inScope = inScope;
    this.sink = sink;
    this.status = status;
    this.thread = new Thread(this::run, "berth-swarm-events-" + context);
    thread.setDaemon(true);
  }

  SwarmWatch start() {
    thread.start();
    return this;
  }

  private void run() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
    boolean lost = false;
    while (!closed) {
      try {
        if (lost) {
          engine.ping(); // answers again: say so before the stream replays what was missed
          status.accept(EngineStatus.back("engine answers again"));
          lost = false;
          backoff.reset();
        }
        engine.followEvents(last, TYPES, this::deliver);
        if (Thread.currentThread().isInterrupted()) return;
      } catch (RuntimeException e) {
        if (closed) return;
        if (!lost) {
          log.debug("swarm event stream lost: {}", e.getMessage());
          status.accept(EngineStatus.lost(e.getMessage()));
          lost = true;
        }
      }
      try {
        Thread.sleep(backoff.next().toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void deliver(Events.Event e) {
    if (closed) return;
    if (e.time() != null && (last == null || e.time().isAfter(last))) last = e.time().plusNanos(1);
    try {
      if (e.type().equals("service")) {
        if (e.action().equals("remove")) {
          sink.accept(new Events.Event(e.time(), e.type(), e.action(), e.actorId(), Map.of()));
          return;
        }
        if (!inScope.test(Swarm.asTarget(engine.swarmInspect(SwarmObject.SERVICE, e.actorId())))) return;
      }
      sink.accept(e);
    } catch (EngineException ex) {
      // gone meanwhile (its remove event follows) or the engine went away (the stream says so)
      if (ex.kind() != Failure.NOT_FOUND) log.debug("swarm event {} {}: {}", e.type(), e.action(), ex.getMessage());
    } catch (RuntimeException ex) {
      log.warn("swarm event sink failed on {} {}: {}", e.type(), e.action(), ex.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
