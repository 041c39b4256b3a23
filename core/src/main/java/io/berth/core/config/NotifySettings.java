package io.berth.core.config;

import java.time.Duration;
import java.util.List;

/** Which container events are posted to notify channels, and how often at most. */
public record NotifySettings(List<String> events, Duration dedupeWindow, int maxPerMinute) {
  public static final List<String> KNOWN_EVENTS = List.of("die", "oom", "unhealthy", "restart-loop");
  public static final NotifySettings DEFAULTS = new NotifySettings(KNOWN_EVENTS, Duration.ofMinutes(5), 6);

  public NotifySettings {
    events = List.copyOf(events);
  }
}
