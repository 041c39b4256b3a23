package io.berth.core.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SharedStore} must do, run on each adapter: on PostgreSQL with two stores on one
 * database standing for two replicas ({@code PostgresSharedStoreIT}), in memory with one store twice.
 */
public abstract class SharedStoreContract {
  /** Two stores over the same state (two replicas); the clock is {@link #now()}. */
  protected abstract SharedStore first();

  protected abstract SharedStore second();

  /** The clock the stores judge expiry by. */
  protected abstract Instant now();

  /** Moves that clock on (tests of expiry). */
  protected abstract void advanceSeconds(long seconds);

  private static String key() {
    return UUID.randomUUID().toString();
  }

  @Test
  void the_first_insert_wins_and_a_repeat_on_another_replica_is_refused() {
    String k = key();
    assertThat(first().putIfAbsent("delivery", k, "", now().plusSeconds(600))).isTrue();
    assertThat(second().putIfAbsent("delivery", k, "", now().plusSeconds(600))).isFalse();
    assertThat(first().putIfAbsent("delivery", k, "", now().plusSeconds(600))).isFalse();
    assertThat(second().putIfAbsent("other-space", k, "", now().plusSeconds(600))).isTrue();
  }

  @Test
  void many_replicas_asking_at_once_get_exactly_one_yes() throws Exception {
    String k = key();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> asks = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        SharedStore s = i % 2 == 0 ? first() : second();
        asks.add(() -> s.putIfAbsent("delivery", k, "", now().plusSeconds(600)));
      }
      int yes = 0;
      for (Future<Boolean> f : pool.invokeAll(asks)) if (f.get()) yes++;
      assertThat(yes).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_value_is_seen_by_the_other_replica_until_it_expires() {
    String k = key();
    first().putIfAbsent("session", k, "ann\ncsrf", now().plusSeconds(60));
    assertThat(second().get("session", k)).contains("ann\ncsrf");
    advanceSeconds(61);
    assertThat(second().get("session", k)).isEmpty();
    assertThat(second().putIfAbsent("session", k, "bob", now().plusSeconds(60))).as("an expired key is free again").isTrue();
    assertThat(first().get("session", k)).contains("bob");
  }

  @Test
  void touch_keeps_a_live_entry_alive_and_cannot_revive_an_expired_one() {
    String k = key();
    first().putIfAbsent("session", k, "ann", now().plusSeconds(60));
    advanceSeconds(50);
    assertThat(second().touch("session", k, now().plusSeconds(60))).isTrue();
    advanceSeconds(50);
    assertThat(first().get("session", k)).contains("ann");
    advanceSeconds(61);
    assertThat(first().touch("session", k, now().plusSeconds(60))).isFalse();
    assertThat(first().get("session", k)).isEmpty();
  }

  @Test
  void remove_is_single_use_across_replicas() {
    String k = key();
    first().putIfAbsent("session", k, "ann", now().plusSeconds(60));
    assertThat(second().remove("session", k)).isTrue();
    assertThat(first().remove("session", k)).isFalse();
    assertThat(first().get("session", k)).isEmpty();
    assertThat(first().remove("session", key())).isFalse();
  }

  @Test
  void replace_is_compare_and_set_across_replicas() {
    String k = key();
    first().putIfAbsent("approval", k, "v0", now().plusSeconds(60));
    assertThat(second().replace("approval", k, "v0", "v1", now().plusSeconds(120))).isTrue();
    assertThat(first().replace("approval", k, "v0", "v1'", now().plusSeconds(120))).as("v0 is gone").isFalse();
    assertThat(first().get("approval", k)).contains("v1");
    advanceSeconds(90);
    assertThat(first().get("approval", k)).as("the new expiry holds").contains("v1");
    assertThat(first().replace("approval", key(), "v0", "v1", now().plusSeconds(60))).as("absent").isFalse();
    advanceSeconds(31);
    assertThat(first().replace("approval", k, "v1", "v2", now().plusSeconds(60))).as("expired").isFalse();
  }

  @Test
  void many_replicas_replacing_one_value_at_once_get_exactly_one_yes() throws Exception {
    String k = key();
    first().putIfAbsent("approval", k, "v0", now().plusSeconds(600));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> asks = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        SharedStore s = i % 2 == 0 ? first() : second();
        String mine = "v1-" + i;
        asks.add(() -> s.replace("approval", k, "v0", mine, now().plusSeconds(600)));
      }
      int yes = 0;
      for (Future<Boolean> f : pool.invokeAll(asks)) if (f.get()) yes++;
      assertThat(yes).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void entries_lists_the_live_entries_of_one_space() {
    String space = "list-" + key();
    first().putIfAbsent(space, "a", "1", now().plusSeconds(60));
    second().putIfAbsent(space, "b", "2", now().plusSeconds(10));
    first().putIfAbsent("other-" + space, "c", "3", now().plusSeconds(60));
    assertThat(second().entries(space)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("a", "1", "b", "2"));
    advanceSeconds(11);
    assertThat(first().entries(space)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("a", "1"));
    assertThat(first().entries("empty-" + space)).isEmpty();
  }
}
