package io.berth.core.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemorySharedStoreTest extends SharedStoreContract {
  private final TestClock clock = TestClock.at("2026-11-30T12:00:00Z");
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
    return clock.instant();
  }

  @Override
  protected void advanceSeconds(long seconds) {
    clock.advance(Duration.ofSeconds(seconds));
  }

  @Test
  void bounded_the_oldest_entry_is_forgotten_first() {
    InMemorySharedStore small = new InMemorySharedStore(3, clock);
    for (String k : new String[] {"a", "b", "c", "d"}) small.putIfAbsent("d", k, "", clock.instant().plusSeconds(60));
    assertThat(small.size()).isEqualTo(3);
    assertThat(small.putIfAbsent("d", "a", "", clock.instant().plusSeconds(60))).as("a was forgotten").isTrue();
    assertThat(small.putIfAbsent("d", "d", "", clock.instant().plusSeconds(60))).isFalse();
  }
}
