package io.berth.core.notify;

import io.berth.core.command.Events;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.model.Subscription;
import io.berth.core.replica.InMemorySharedStore;
import io.berth.core.replica.SharedStore;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.LogLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine event subscription shared by every notifying surface: detects alerts once, attaches
 * the container's last log lines, and hands each alert to every registered sink.
 *
 * <p>Among replicas only the leader runs a feed. Each alert is recorded in the replicas' shared store
 * before it is handed on (key: kind, container, event time to the nanosecond), so an alert is sent once
 * whoever detects it; and a feed that starts replays the engine's events of the last {@code replay}
 * (a new leader: what happened while the old one was dying), sending only what nobody sent yet.
 */
public final class AlertFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);
  private static final int LOG_LINES = 10;

  private static final String SPACE = "alert-sent";
  /** How long a sent alert's key is kept: far beyond any replay. */
  private static final Duration KEEP_SENT = Duration.ofDays(1);
  private static final int REPLAY_MAX = 10_000;

  private final ContainerEngine engine;
  private final AlertDetector detector;
  private final SharedStore sent;
  private final Duration replay;
  private final Clock clock;
  private final List<Consumer<Alert>> sinks = new CopyOnWriteArrayList<>();
  private Subscription subscription;

  /** A Berth alone: no replay (a restart does not send again what the last run sent). */
  public AlertFeed(ContainerEngine engine, AlertDetector detector) {
    this(engine, detector, new InMemorySharedStore(10_000, Clock.systemUTC()), Duration.ZERO, Clock.systemUTC());
  }

  /**
   * @param sent the alerts sent, shared by every replica
   * @param replay how far back a starting feed looks for events (zero: none)
   */
  public AlertFeed(ContainerEngine engine, AlertDetector detector, SharedStore sent, Duration replay, Clock clock) {
    this.engine = engine;
    this.detector = detector;
    this.sent = sent;
    this.replay = replay;
    this.clock = clock;
  }

  public void addSink(Consumer<Alert> sink) {
    sinks.add(sink);
  }

  public synchronized void start() {
    if (subscription != null) return;
    Instant now = clock.instant();
    subscription = engine.events(this::onEvent);
    if (!replay.isZero()) replaySince(now.minus(replay), now);
  }

  /** The engine's container events of the window, in order, through the same detection; the store drops repeats. */
  private void replaySince(Instant since, Instant until) {
    try {
      var history = engine.events(since, until, Map.of("type", List.of("container")), REPLAY_MAX);
      for (Events.Event e : history.events()) onEvent(containerEvent(e));
      if (!history.events().isEmpty()) log.info("alerts: replayed {} engine event(s) since {}", history.events().size(), since);
    } catch (EngineException e) {
      log.warn("alerts: could not replay the engine's events since {}: {}", since, e.getMessage());
    }
  }

  private static ContainerEvent containerEvent(Events.Event e) {
    Integer exitCode = null;
    try {
      if (e.attributes().containsKey("exitCode")) exitCode = Integer.valueOf(e.attributes().get("exitCode"));
    } catch (NumberFormatException ignored) {
      exitCode = null;
    }
    return new ContainerEvent(e.time(), e.actorId(), e.attributes().getOrDefault("name", ""), e.action(), exitCode,
        e.attributes());
  }

  /** The key an alert is recorded under: the same for the live event and its replay on any replica. */
  static String key(Alert a) {
    Instant t = a.time();
    return a.kind() + "|" + a.containerId() + "|" + t.getEpochSecond() + "." + t.getNano();
  }

  private void onEvent(ContainerEvent event) {
    Alert alert;
    synchronized (detector) {
      alert = detector.accept(event).orElse(null);
    }
    if (alert == null) return;
    // recorded before it is sent: a leader dying in between loses this one alert rather than doubling it
    try {
      if (!sent.putIfAbsent(SPACE, key(alert), "", alert.time().plus(KEEP_SENT))) return;
    } catch (SharedStore.StoreException e) {
      log.warn("alerts: the shared store cannot say whether {} was sent; sending it: {}", alert.containerName(),
          e.getMessage());
    }
    Alert withLogs = alert.withLogs(lastLines(alert.containerId()));
    for (Consumer<Alert> sink : sinks) {
      try {
        sink.accept(withLogs);
      } catch (RuntimeException ex) {
        log.warn("alert sink failed for {}: {}", alert.containerName(), ex.toString());
      }
    }
  }

  private List<String> lastLines(String containerId) {
    try {
      return engine.logs(containerId, LOG_LINES, null, false, LOG_LINES).stream().map(LogLine::text).toList();
    } catch (EngineException e) {
      return List.of(); // removed already (--rm): the alert still matters
    }
  }

  @Override
  public synchronized void close() {
    if (subscription != null) subscription.close();
    subscription = null;
  }
}
