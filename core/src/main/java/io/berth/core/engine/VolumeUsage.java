package io.berth.core.engine;

import io.berth.core.result.ContainerSummary;
import java.util.List;
import java.util.Map;

/** An existing named volume: its labels and every container (running or not) that mounts it. */
public record VolumeUsage(String name, Map<String, String> labels, List<ContainerSummary> usedBy) {
  public VolumeUsage {
    labels = Map.copyOf(labels);
    usedBy = List.copyOf(usedBy);
  }
}
