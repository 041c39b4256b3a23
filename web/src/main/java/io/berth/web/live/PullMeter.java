package io.berth.web.live;

import io.berth.core.result.Progress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns docker's per-layer pull progress into one overall percentage: bytes done over bytes
 * known, with finished layers counted as complete.
 */
public final class PullMeter {
  private record LayerState(String status, long current, long total, boolean finished) {}

  private final Map<String, LayerState> layers = new LinkedHashMap<>();
  private String lastStatus = "Waiting";

  public synchronized void on(Progress p) {
    if (!(p instanceof Progress.Layer l)) {
      lastStatus = Progress.describe(p);
      return;
    }
    if (l.layerId() == null || l.layerId().isBlank()) {
      lastStatus = l.status();
      return;
    }
    LayerState old = layers.get(l.layerId());
    long total = l.total() != null && l.total() > 0 ? l.total() : old == null ? 0 : old.total();
    long current = l.current() != null ? l.current() : old == null ? 0 : old.current();
    String s = l.status() == null ? "" : l.status();
    boolean finished = s.startsWith("Pull complete") || s.startsWith("Already exists")
        || (old != null && old.finished());
    if (finished && total > 0) current = total;
    layers.put(l.layerId(), new LayerState(s, current, total, finished));
    lastStatus = l.layerId() + ": " + s;
  }

  /** 0..100; 100 only when every known layer finished. */
  public synchronized int percent() {
    if (layers.isEmpty()) return 0;
    long cur = 0;
    long tot = 0;
    boolean allDone = true;
    for (LayerState s : layers.values()) {
      allDone &= s.finished();
      if (s.total() > 0) {
        cur += Math.min(s.current(), s.total());
        tot += s.total();
      }
    }
    if (allDone) return 100;
    if (tot == 0) return 0;
    return (int) Math.min(99, cur * 100 / tot);
  }

  public synchronized int layerCount() {
    return layers.size();
  }

  public synchronized String lastStatus() {
    return lastStatus;
  }
}
