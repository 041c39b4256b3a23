package io.berth.core.adapter.docker;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.Statistics;

/** Docker's CPU % formula ({@code docker stats}): container delta over system delta, times online CPUs. */
final class CpuPercent {
  private CpuPercent() {}

  static double of(Statistics s) {
    CpuStatsConfig cpu = s.getCpuStats();
    CpuStatsConfig pre = s.getPreCpuStats();
    if (cpu == null || pre == null || cpu.getCpuUsage() == null || pre.getCpuUsage() == null) return 0.0;
    return of(orZero(cpu.getCpuUsage().getTotalUsage()), orZero(pre.getCpuUsage().getTotalUsage()),
        orZero(cpu.getSystemCpuUsage()), orZero(pre.getSystemCpuUsage()), onlineCpus(cpu));
  }

  static double of(long total, long preTotal, long system, long preSystem, long onlineCpus) {
    long cpuDelta = total - preTotal;
    long systemDelta = system - preSystem;
    if (cpuDelta <= 0 || systemDelta <= 0) return 0.0;
    return (double) cpuDelta / systemDelta * Math.max(1, onlineCpus) * 100.0;
  }

  private static long onlineCpus(CpuStatsConfig cpu) {
    if (cpu.getOnlineCpus() != null && cpu.getOnlineCpus() > 0) return cpu.getOnlineCpus();
    var per = cpu.getCpuUsage().getPercpuUsage();
    return per == null ? 1 : per.size();
  }

  private static long orZero(Long l) {
    return l == null ? 0 : l;
  }
}
