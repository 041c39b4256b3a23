package io.berth.core.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemorySharedStoreTest extends SharedStoreContract {
  private Instant now = Instant.parse("2026-11-30T12:00:00Z");
  private final Clock clock = new Clock() {
    public ZoneOffset getZone() { return ZoneOffset.UTC; }
    public Clock withZone(java.time.ZoneId z) { return this; }
    public Instant instant() { return now; }
  };
  private final InMemorySharedStore store = new InMemorySharedStore(1000, clock);

  @Override
  protected SharedStore first() {
    return store;
  }

  @Override
  protected SharedStore second() {
    return store; // one process: both "replicas" are the same map
  }

  @Override
  protected Instant now() {
    return now;
  }

  @Override
  protected void advanceSeconds(long seconds) {
    now = now.plus(Duration.ofSeconds(seconds));
  }

  @Test
  void bounded_the_oldest_entry_is_forgotten_first() {
    InMemorySharedStore small = new InMemorySharedStore(3, clock);
    for (String k : new String[] {"a", "b", "c", "d"}) small.putIfAbsent("d", k, "", now.plusSeconds(60));
    assertThat(small.size()).isEqualTo(3);
    assertThat(small.putIfAbsent("d", "a", "", now.plusSeconds(60))).as("a was forgotten").isTrue();
    assertThat(small.putIfAbsent("d", "d", "", now.plusSeconds(60))).isFalse();
  }
}
