package io.berth.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankOfUnsortedNanoseconds() {
    long[] ns = {4_000_000, 1_000_000, 3_000_000, 2_000_000};
    assertThat(Percentiles.ms(ns, 50)).isEqualTo(2.0);
    assertThat(Percentiles.ms(ns, 95)).isEqualTo(4.0);
    assertThat(Percentiles.ms(ns, 0)).isEqualTo(1.0);
    assertThat(ns[0]).as("the samples are left as they were").isEqualTo(4_000_000);
    assertThat(Percentiles.rank(1, 99)).isZero();
    assertThatThrownBy(() -> Percentiles.rank(0, 50)).isInstanceOf(IllegalArgumentException.class);
  }
}
