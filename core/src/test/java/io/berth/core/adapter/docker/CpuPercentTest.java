package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuPercentTest {
  @Test
  void usesDockersFormulaContainerDeltaOverSystemDeltaTimesCpus() {
    // 50 ms of CPU in a 1 s (x2 CPUs = 2e9 ns) system window on 2 CPUs -> 5 %
    assertThat(CpuPercent.of(150_000_000L, 100_000_000L, 12_000_000_000L, 10_000_000_000L, 2))
        .isCloseTo(5.0, within(1e-9));
  }

  @Test
  void noPreviousSampleGivesZero() {
    assertThat(CpuPercent.of(100, 0, 0, 0, 2)).isZero();
  }
}
