package io.berth.core.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One row of {@code ps}. {@code state} is the engine's word (running, exited, ...). */
public record ContainerSummary(
    String id,
    String name,
    String image,
    String state,
    String status,
    List<String> ports,
    Instant created,
    Map<String, String> labels) {
  public ContainerSummary {
    ports = List.copyOf(ports);
    labels = Map.copyOf(labels);
  }

  public String shortId() {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  public boolean running() {
    return "running".equals(state) || "restarting".equals(state) || "paused".equals(state);
  }
}
