package io.berth.app;

import io.berth.core.adapter.postgres.PostgresLeadership;
import io.berth.core.adapter.postgres.PostgresSharedStore;
import io.berth.core.config.AuditSettings;
import io.berth.core.config.BerthConfig;
import io.berth.core.replica.InMemorySharedStore;
import io.berth.core.replica.Leadership;
import io.berth.core.replica.SharedStore;
import io.berth.core.replica.SoleLeadership;
import java.time.Clock;
import java.time.Duration;

/**
 * What the replicas of one Berth share and which of them leads. With the audit in PostgreSQL any
 * number of {@code serve} processes may run on it: they share deliveries, sent alerts and console
 * sessions in its {@code shared_entry} table and elect a leader with an advisory lock. With SQLite
 * Berth runs alone: its own memory, and it always leads.
 *
 * @param alertReplay how far back a new leader's alert feed looks for events it may have missed
 */
record Replicas(SharedStore shared, Leadership leadership, Duration alertReplay) implements AutoCloseable {
  /** The advisory lock's name: replicas of one Berth share a database, so one name. */
  static final String LEADER_LOCK = "berth";
  /** Longer than the slowest takeover (idle timeout + retry, 18 s) with room for a slow engine. */
  static final Duration ALERT_REPLAY = Duration.ofMinutes(2);

  static Replicas of(BerthConfig config) {
    Clock clock = Clock.systemUTC();
    if (config.audit().store() == AuditSettings.Store.SQLITE) {
      return new Replicas(new InMemorySharedStore(10_000, clock), new SoleLeadership(), Duration.ZERO);
    }
    var settings = BerthRuntime.postgres(config, false);
    String password = BerthRuntime.postgresPassword(config);
    SharedStore shared = PostgresSharedStore.open(settings, password, clock);
    Leadership leadership = PostgresLeadership.start(settings, password, LEADER_LOCK, PostgresLeadership.Timing.DEFAULT);
    return new Replicas(shared, leadership, ALERT_REPLAY);
  }

  @Override
  public void close() {
    leadership.close(); // the leader's duties stop first, then the lock is released
    shared.close();
  }
}
