package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import io.berth.core.testing.TestClock;
import org.junit.jupiter.api.Test;

class DeliveryDeduplicatorTest {

  @Test
  void aRepeatWithinTheWindowIsNotFirstTime() {
    DeliveryDeduplicator d = new DeliveryDeduplicator(100, Duration.ofMinutes(10), Clock.systemUTC());
    String key = DeliveryDeduplicator.keyOf("text=ps&trigger_id=1");
    assertThat(d.firstTime(key)).isTrue();
    assertThat(d.firstTime(key)).isFalse();
    assertThat(d.firstTime(DeliveryDeduplicator.keyOf("text=ps&trigger_id=2"))).isTrue();
  }

  @Test
  void entriesExpireAfterTheWindow() {
    TestClock clock = TestClock.at("2026-11-28T01:00:00Z");
    DeliveryDeduplicator d = new DeliveryDeduplicator(100, Duration.ofMinutes(10), clock);
    assertThat(d.firstTime("k")).isTrue();
    clock.advance(Duration.ofMinutes(11));
    assertThat(d.firstTime("other")).isTrue();
    assertThat(d.size()).isEqualTo(1);
    assertThat(d.firstTime("k")).isTrue();
  }

  @Test
  void memoryIsBoundedByCapacity() {
    DeliveryDeduplicator d = new DeliveryDeduplicator(3, Duration.ofMinutes(10), Clock.systemUTC());
    for (int i = 0; i < 10; i++) d.firstTime("k" + i);
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.firstTime("k9")).isFalse();
  }
}
