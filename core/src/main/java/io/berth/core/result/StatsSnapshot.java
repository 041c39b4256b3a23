package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

/** {@code stats} result: one sample, as {@code docker stats --no-stream} prints. */
public record StatsSnapshot(
    String containerId, String name, double cpuPercent, long memoryUsageBytes, long memoryLimitBytes, int pids)
    implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return r.stats(this);
  }

  public double memoryPercent() {
    return memoryLimitBytes <= 0 ? 0 : 100.0 * memoryUsageBytes / memoryLimitBytes;
  }
}
