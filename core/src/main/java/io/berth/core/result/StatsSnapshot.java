package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;
import java.util.List;

/**
 * One container's sample, as {@code docker stats --no-stream} prints it: CPU, memory, network
 * (received / sent, summed over its networks) and block I/O (read / written), process count.
 */
public record StatsSnapshot(
    String containerId, String name, double cpuPercent, long memoryUsageBytes, long memoryLimitBytes, int pids,
    long netRxBytes, long netTxBytes, long blockReadBytes, long blockWriteBytes)
    implements Result {

  /** A sample without I/O counters (test doubles, engines that report none): docker prints them as 0B / 0B. */
  public StatsSnapshot(String containerId, String name, double cpuPercent, long memoryUsageBytes, long memoryLimitBytes,
      int pids) {
    this(containerId, name, cpuPercent, memoryUsageBytes, memoryLimitBytes, pids, 0, 0, 0, 0);
  }

  @Override
  public String text(PlainTextRenderer r) {
    return new StatsTable(List.of(this), null).text(r);
  }

  public double memoryPercent() {
    return memoryLimitBytes <= 0 ? 0 : 100.0 * memoryUsageBytes / memoryLimitBytes;
  }
}
