package io.berth.core.result;

import java.util.Map;

/** One row of {@code volume ls}. */
public record VolumeSummary(String name, String driver, Map<String, String> labels) {
  public VolumeSummary {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
