package io.berth.core.result;

import java.time.Instant;
import java.util.Map;

/**
 * A container lifecycle event from the engine (start, die, stop, kill, oom, destroy, create,
 * restart, health_status: unhealthy, ...). {@code exitCode} is set for die events.
 */
public record ContainerEvent(
    Instant time, String containerId, String name, String action, Integer exitCode, Map<String, String> attributes) {
  public ContainerEvent {
    attributes = Map.copyOf(attributes);
  }
}
