package io.berth.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesUpToTheCapAndStaysThereUntilReset() {
    Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(3));
    List<Long> ms = new ArrayList<>();
    for (int i = 0; i < 8; i++) ms.add(b.next().toMillis());
    assertThat(ms).containsExactly(200L, 400L, 800L, 1600L, 3000L, 3000L, 3000L, 3000L);
    b.reset();
    assertThat(b.next()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void refusesBoundsThatCannotBackOff() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
