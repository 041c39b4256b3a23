package io.berth.core.notify;

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
 * Turns raw container events into alerts: died (non-zero exit), OOM-killed, unhealthy, restart
 * loop; de-duplicated per container and kind, and rate-limited overall so a flapping host cannot
 * flood a channel. Not thread-safe: feed it from one event thread.
 */
public final class AlertDetector {
  /** Restarts within this window that make a loop. */
  static final int LOOP_RESTARTS = 3;
  static final Duration LOOP_WINDOW = Duration.ofMinutes(2);

  private final Set<Alert.Kind> enabled;
  private final Duration dedupeWindow;
  private final int maxPerMinute;
  private final Clock clock;
  private final Map<String, Instant> lastSent = new HashMap<>();
  private final Map<String, Deque<Instant>> starts = new HashMap<>();
  private final Map<String, Instant> oomSeen = new HashMap<>();
  private final Deque<Instant> sentLastMinute = new ArrayDeque<>();

  public AlertDetector(Set<Alert.Kind> enabled, Duration dedupeWindow, int maxPerMinute, Clock clock) {
    this.enabled = Set.copyOf(enabled);
    this.dedupeWindow = dedupeWindow;
    this.maxPerMinute = maxPerMinute;
    this.clock = clock;
  }

  /** Parses configuration names (die, oom, unhealthy, restart-loop); unknown names are an error. */
  public static Set<Alert.Kind> kinds(Iterable<String> names) {
    java.util.EnumSet<Alert.Kind> set = java.util.EnumSet.noneOf(Alert.Kind.class);
    for (String n : names) {
      set.add(java.util.Arrays.stream(Alert.Kind.values()).filter(k -> k.configName().equals(n)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown notify event \"" + n
              + "\" (known: die, oom, unhealthy, restart-loop)")));
    }
    return set;
  }

  public Optional<Alert> accept(ContainerEvent e) {
    Instant now = clock.instant();
    String action = e.action() == null ? "" : e.action();
    Alert.Kind kind = null;
    String summary = null;
    if (action.equals("oom")) {
      oomSeen.put(e.containerId(), now);
      kind = Alert.Kind.OOM_KILLED;
      summary = "was killed: out of memory";
    } else if (action.equals("die")) {
      Instant oom = oomSeen.remove(e.containerId());
      boolean partOfOom = oom != null && Duration.between(oom, now).compareTo(Duration.ofSeconds(10)) < 0;
      if (!partOfOom && e.exitCode() != null && e.exitCode() != 0) {
        kind = Alert.Kind.DIED;
        summary = "died with exit code " + e.exitCode();
      }
    } else if (action.startsWith("health_status") && action.contains("unhealthy")) {
      kind = Alert.Kind.UNHEALTHY;
      summary = "is unhealthy";
    } else if (action.equals("start") || action.equals("restart")) {
      Deque<Instant> q = starts.computeIfAbsent(e.containerId(), k -> new ArrayDeque<>());
      q.addLast(now);
      while (!q.isEmpty() && q.peekFirst().isBefore(now.minus(LOOP_WINDOW))) q.removeFirst();
      if (q.size() >= LOOP_RESTARTS) {
        kind = Alert.Kind.RESTART_LOOP;
        summary = "restarted " + q.size() + " times in " + LOOP_WINDOW.toMinutes() + " minutes";
      }
    } else if (action.equals("destroy")) {
      starts.remove(e.containerId());
      oomSeen.remove(e.containerId());
    }
    if (kind == null || !enabled.contains(kind)) return Optional.empty();
    String key = e.containerId() + "/" + kind;
    Instant previous = lastSent.get(key);
    if (previous != null && Duration.between(previous, now).compareTo(dedupeWindow) < 0) return Optional.empty();
    while (!sentLastMinute.isEmpty() && sentLastMinute.peekFirst().isBefore(now.minusSeconds(60))) {
      sentLastMinute.removeFirst();
    }
    if (sentLastMinute.size() >= maxPerMinute) return Optional.empty();
    lastSent.put(key, now);
    sentLastMinute.addLast(now);
    return Optional.of(new Alert(kind, e.containerId(), e.name(), e.time() == null ? now : e.time(),
        e.exitCode(), summary, java.util.List.of()));
  }
}
