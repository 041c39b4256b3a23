package io.berth.core.notify;

import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.model.Subscription;
import io.berth.core.result.LogLine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine event subscription shared by every notifying surface: detects alerts once, attaches
 * the container's last log lines, and hands each alert to every registered sink.
 */
public final class AlertFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);
  private static final int LOG_LINES = 10;

  private final ContainerEngine engine;
  private final AlertDetector detector;
  private final List<Consumer<Alert>> sinks = new CopyOnWriteArrayList<>();
  private Subscription subscription;

  public AlertFeed(ContainerEngine engine, AlertDetector detector) {
    this.engine = engine;
    this.detector = detector;
  }

  public void addSink(Consumer<Alert> sink) {
    sinks.add(sink);
  }

  public synchronized void start() {
    if (subscription == null) subscription = engine.events(this::onEvent);
  }

  private void onEvent(io.berth.core.result.ContainerEvent event) {
    Alert alert;
    synchronized (detector) {
      alert = detector.accept(event).orElse(null);
    }
    if (alert == null) return;
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
