package io.berth.bot.slack;

import io.berth.core.result.ContainerEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns container events into alerts (died, OOM-killed, unhealthy, restart loop), de-duplicated
 * per container and incident and rate-limited overall. Stands in for {@code io.berth.core.notify}
 * until the shared detector lands on main.
 */
final class ContainerAlertDetector {
  /** One alert to post. {@code kind} is die, oom, unhealthy or restart-loop. */
  record Alert(String kind, String containerId, String containerName, String headline) {}

  static final int LOOP_RESTARTS = 3;
  static final Duration LOOP_WINDOW = Duration.ofMinutes(5);

  private final Set<String> kinds;
  private final Duration dedupeWindow;
  private final int maxPerMinute;
  private final Clock clock;
  private final Map<String, Instant> lastAlert = new HashMap<>();
  private final Map<String, Deque<Instant>> deaths = new HashMap<>();
  private final Deque<Instant> sent = new ArrayDeque<>();

  ContainerAlertDetector(Set<String> kinds, Duration dedupeWindow, int maxPerMinute, Clock clock) {
    this.kinds = Set.copyOf(kinds);
    this.dedupeWindow = dedupeWindow;
    this.maxPerMinute = maxPerMinute;
    this.clock = clock;
  }

  synchronized Optional<Alert> accept(ContainerEvent e) {
    String name = e.name() == null || e.name().isBlank() ? shortId(e.containerId()) : e.name();
    String action = e.action() == null ? "" : e.action();
    Alert alert = null;
    if (action.equals("oom")) {
      alert = new Alert("oom", e.containerId(), name, "Container " + name + " was OOM-killed");
    } else if (action.equals("die") && e.exitCode() != null && e.exitCode() != 0) {
      if (restartLoop(e.containerId())) {
        alert = new Alert("restart-loop", e.containerId(), name,
            "Container " + name + " is restarting in a loop (" + LOOP_RESTARTS + "+ exits in 5 min, last exit code " + e.exitCode() + ")");
      } else {
        alert = new Alert("die", e.containerId(), name, "Container " + name + " died (exit code " + e.exitCode() + ")");
      }
    } else if (action.startsWith("health_status") && action.contains("unhealthy")) {
      alert = new Alert("unhealthy", e.containerId(), name, "Container " + name + " is unhealthy");
    }
    if (alert == null || !kinds.contains(alert.kind())) return Optional.empty();
    // oom and die of one incident share a key: the oom event comes first and wins.
    String incident = alert.kind().equals("die") || alert.kind().equals("oom") ? "down" : alert.kind();
    String key = e.containerId() + "/" + incident;
    Instant now = clock.instant();
    Instant last = lastAlert.get(key);
    if (last != null && last.plus(dedupeWindow).isAfter(now)) return Optional.empty();
    while (!sent.isEmpty() && sent.peekFirst().plus(Duration.ofMinutes(1)).isBefore(now)) sent.removeFirst();
    if (sent.size() >= maxPerMinute) return Optional.empty();
    sent.addLast(now);
    lastAlert.put(key, now);
    lastAlert.entrySet().removeIf(en -> en.getValue().plus(dedupeWindow).isBefore(now));
    return Optional.of(alert);
  }

  private boolean restartLoop(String containerId) {
    Instant now = clock.instant();
    Deque<Instant> d = deaths.computeIfAbsent(containerId, k -> new ArrayDeque<>());
    d.addLast(now);
    while (!d.isEmpty() && d.peekFirst().plus(LOOP_WINDOW).isBefore(now)) d.removeFirst();
    return d.size() >= LOOP_RESTARTS;
  }

  private static String shortId(String id) {
    return id == null ? "?" : id.length() > 12 ? id.substring(0, 12) : id;
  }
}
