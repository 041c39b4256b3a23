package io.berth.web.swarm;

import io.berth.core.result.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rollout's progress as the service page shows it: the core's keyed lines ({@code overall progress}, one per slot)
 * each rewritten in place, other lines ({@code rollback: …}, {@code verify: Service converged}) after them, as
 * docker's terminal shows the block. Thread-safe: the rollout's thread writes, the page's stream reads.
 */
final class RolloutBoard {
  private static final int KEEP_LINES = 20;
  private final Map<String, String> keyed = new LinkedHashMap<>();
  private final List<String> lines = new ArrayList<>();

  synchronized void on(Progress p) {
    if (p instanceof Progress.Layer l && l.layerId() != null && !l.layerId().isEmpty()) {
      keyed.put(l.layerId(), l.layerId() + ": " + l.status());
    } else {
      lines.add(Progress.describe(p));
      if (lines.size() > KEEP_LINES) lines.remove(0);
    }
  }

  synchronized String text() {
    StringBuilder sb = new StringBuilder();
    keyed.values().forEach(v -> sb.append(v).append('\n'));
    lines.forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }
}
