package io.berth.core.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.replica.Leadership;
import io.berth.core.testing.PostgresCluster;
import io.berth.core.testing.PostgresForClass;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas electing a leader on a real PostgreSQL: one leads; when its session is killed (as a
 * lost connection or a dead host ends it) or it closes, the other leads within 30 s, and the two never
 * both say they lead once the first has heard of its loss. Prints the takeover times measured.
 */
class PostgresLeadershipIT {
  private static final PostgresLeadership.Timing TIMING =
      new PostgresLeadership.Timing(Duration.ofSeconds(1), Duration.ofSeconds(5));
  @RegisterExtension static final PostgresForClass postgres = new PostgresForClass();
  private PostgresAuditTrail.Settings settings;
  private String database;
  private String name;
  private final List<PostgresLeadership> started = new ArrayList<>();

  @BeforeEach
  void database() throws Exception {
    database = postgres.cluster().createDatabase();
    settings = PostgresAuditTrail.Settings.of(postgres.cluster().url(database), PostgresCluster.USER);
    name = "test-" + UUID.randomUUID();
  }

  @AfterEach
  void closeAll() {
    started.forEach(PostgresLeadership::close);
  }

  /** A replica, with the record of what it heard. */
  private record Replica(PostgresLeadership leadership, List<String> heard) {}

  private Replica replica() {
    PostgresLeadership l = PostgresLeadership.start(settings, postgres.cluster().password(), name, TIMING);
    started.add(l);
    List<String> heard = new CopyOnWriteArrayList<>();
    l.watch(new Leadership.Listener() {
      public void gained() { heard.add("gained"); }
      public void lost() { heard.add("lost"); }
    });
    return new Replica(l, heard);
  }

  private static long await(BooleanSupplier condition, Duration within) throws InterruptedException {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - start).as("waited %s", within).isLessThan(within.toNanos());
      Thread.sleep(20);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static int leaders(Replica... rs) {
    int n = 0;
    for (Replica r : rs) if (r.leadership().leading()) n++;
    return n;
  }

  @Test
  void exactly_one_of_two_replicas_leads() throws Exception {
    Replica a = replica();
    Replica b = replica();
    await(() -> leaders(a, b) == 1, Duration.ofSeconds(10));
    Thread.sleep(3 * TIMING.retry().toMillis()); // several rounds: still one
    assertThat(leaders(a, b)).isEqualTo(1);
    Replica leader = a.leadership().leading() ? a : b;
    assertThat(leader.heard()).containsExactly("gained");
    assertThat((leader == a ? b : a).heard()).isEmpty();
  }

  @Test
  void when_the_leaders_connection_is_killed_the_other_replica_leads_within_30_seconds() throws Exception {
    Replica a = replica();
    await(() -> a.leadership().leading(), Duration.ofSeconds(10));
    Replica b = replica();
    Thread.sleep(2 * TIMING.retry().toMillis());
    assertThat(b.leadership().leading()).isFalse();

    long killedAt = System.nanoTime();
    assertThat(terminateLockHolder()).as("the leader's session was found and ended").isTrue();
    await(() -> !a.leadership().leading(), Duration.ofSeconds(30));
    long lostMs = (System.nanoTime() - killedAt) / 1_000_000;
    await(() -> b.leadership().leading(), Duration.ofSeconds(30));
    long takeoverMs = (System.nanoTime() - killedAt) / 1_000_000;
    System.out.printf("[leadership] connection killed: old leader knew after %d ms, new leader after %d ms%n",
        lostMs, takeoverMs);
    assertThat(takeoverMs).isLessThan(30_000);
    assertThat(a.heard()).containsExactly("gained", "lost");
    assertThat(b.heard()).containsExactly("gained");
    // the old leader comes back as a follower: the lock is the new leader's now
    Thread.sleep(3 * TIMING.retry().toMillis());
    assertThat(a.leadership().leading()).isFalse();
    assertThat(b.leadership().leading()).isTrue();
  }

  @Test
  void a_leader_that_closes_hands_over_at_the_others_next_try() throws Exception {
    Replica a = replica();
    await(() -> a.leadership().leading(), Duration.ofSeconds(10));
    Replica b = replica();
    long closedAt = System.nanoTime();
    a.leadership().close();
    assertThat(a.heard()).containsExactly("gained", "lost");
    await(() -> b.leadership().leading(), Duration.ofSeconds(30));
    System.out.printf("[leadership] leader closed: new leader after %d ms%n", (System.nanoTime() - closedAt) / 1_000_000);
  }

  @Test
  void replicas_of_two_berths_on_one_database_lead_each_their_own() throws Exception {
    Replica a = replica();
    name = "other-" + UUID.randomUUID();
    Replica b = replica();
    await(() -> leaders(a, b) == 2, Duration.ofSeconds(10));
  }

  /** Ends the server session that holds this test's advisory lock, as pg_terminate_backend would for an admin. */
  private boolean terminateLockHolder() throws Exception {
    long key = PostgresLeadership.lockKey(name);
    try (Connection c = postgres.cluster().connect(database);
        PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = "
            + "'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = ?")) {
      ps.setLong(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
