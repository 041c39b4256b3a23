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
    assertThat(d.firstTime("k")).isTrue();
    assertThat(d.firstTime("k")).isFalse();
  }

  @Test
  void aDeliverySeenByAnotherReplicaIsNotFirstTime() {
    var shared = new io.berth.core.replica.InMemorySharedStore(100, Clock.systemUTC());
    DeliveryDeduplicator one = new DeliveryDeduplicator(shared, Duration.ofMinutes(10), Clock.systemUTC());
    DeliveryDeduplicator two = new DeliveryDeduplicator(shared, Duration.ofMinutes(10), Clock.systemUTC());
    assertThat(one.firstTime("k")).isTrue();
    assertThat(two.firstTime("k")).isFalse();
  }

  @Test
  void memoryIsBoundedByCapacity() {
    DeliveryDeduplicator d = new DeliveryDeduplicator(3, Duration.ofMinutes(10), Clock.systemUTC());
    for (int i = 0; i < 10; i++) d.firstTime("k" + i);
    assertThat(d.firstTime("k9")).isFalse();
    assertThat(d.firstTime("k0")).as("the oldest was forgotten").isTrue();
  }
}
