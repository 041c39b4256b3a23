package io.berth.web.swarm;

import io.berth.core.result.Progress;
import io.berth.core.result.ProgressLines;

/**
 * A rollout's progress as the service page shows it: the core's keyed lines ({@code overall progress}, one per slot)
 * each rewritten in place, other lines ({@code rollback: …}, {@code verify: Service converged}) after them, as
 * docker's terminal shows the block. Thread-safe (the block is): the rollout's thread writes, the page's stream reads.
 */
final class RolloutBoard {
  private static final int KEEP_LINES = 20;
  private final ProgressLines block = new ProgressLines(KEEP_LINES);

  void on(Progress p) {
    if (p instanceof Progress.Layer l && l.layerId() != null && !l.layerId().isEmpty()) {
      block.put(l.layerId(), l.layerId() + ": " + l.status());
    } else {
      block.add(Progress.describe(p));
    }
  }

  String text() {
    return block.text();
  }
}
