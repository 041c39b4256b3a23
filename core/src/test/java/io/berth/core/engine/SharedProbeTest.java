package io.berth.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.testing.TestClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedProbeTest {
  final TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
  final AtomicInteger pings = new AtomicInteger();
  final Deque<Boolean> answers = new ArrayDeque<>(List.of(true, false, true));
  final SharedProbe probe = new SharedProbe(() -> {
    pings.incrementAndGet();
    return answers.poll();
  }, Duration.ofSeconds(2), clock);

  @Test
  void oneAnswerServesEveryStreamWhileFreshYesOrNo() {
    for (int i = 0; i < 100; i++) assertThat(probe.getAsBoolean()).isTrue();
    assertThat(pings).hasValue(1);
    clock.advance(Duration.ofSeconds(2));
    for (int i = 0; i < 100; i++) assertThat(probe.getAsBoolean()).isFalse();
    assertThat(pings).hasValue(2);
    clock.advance(Duration.ofMillis(1999));
    assertThat(probe.getAsBoolean()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(probe.getAsBoolean()).isTrue();
    assertThat(pings).hasValue(3);
  }
}
