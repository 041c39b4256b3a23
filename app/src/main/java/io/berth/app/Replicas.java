package io.berth.app;

import io.berth.core.adapter.postgres.PostgresLeadership;
import io.berth.core.adapter.postgres.PostgresSharedStore;
import io.berth.core.approval.ApprovalStore;
import io.berth.core.approval.InMemoryApprovalStore;
import io.berth.core.approval.SharedApprovalStore;
import io.berth.core.audit.CheckpointSigner;
import io.berth.core.config.AuditSettings;
import io.berth.core.config.BerthConfig;
import io.berth.core.policy.ConfirmationBook;
import io.berth.core.replica.InMemorySharedStore;
import io.berth.core.replica.Leadership;
import io.berth.core.replica.Sealer;
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
 * @param sealer seals what replicas leave in the shared store that must stay secret (pending confirmations);
 *     its key is derived from the audit signing key, which replicas share (null: Berth alone)
 * @param approvalSealer the same for requests waiting for approval (policy.approvals), under a key of its own
 */
record Replicas(SharedStore shared, Leadership leadership, Duration alertReplay, Sealer sealer, Sealer approvalSealer)
    implements AutoCloseable {
  /** The advisory lock's name: replicas of one Berth share a database, so one name. */
  static final String LEADER_LOCK = "berth";
  /** Longer than the slowest takeover (idle timeout + retry, 18 s) with room for a slow engine. */
  static final Duration ALERT_REPLAY = Duration.ofMinutes(2);

  static Replicas of(BerthConfig config, CheckpointSigner signer) {
    Clock clock = Clock.systemUTC();
    if (config.audit().store() == AuditSettings.Store.SQLITE) {
      return new Replicas(new InMemorySharedStore(10_000, clock), new SoleLeadership(), Duration.ZERO, null, null);
    }
    var settings = BerthRuntime.postgres(config, false);
    String password = BerthRuntime.postgresPassword(config);
    SharedStore shared = PostgresSharedStore.open(settings, password, clock);
    Leadership leadership = PostgresLeadership.start(settings, password, LEADER_LOCK, PostgresLeadership.Timing.DEFAULT);
    // a key per kind of entry, so nothing sealed as one kind opens as another
    return new Replicas(shared, leadership, ALERT_REPLAY, new Sealer(signer.derivedKey("confirmations")),
        new Sealer(signer.derivedKey("approvals")));
  }

  /** Where requests wait for confirmation: the shared store, sealed, when there are replicas (null: memory). */
  ConfirmationBook confirmations(Clock clock, Duration ttl) {
    return sealer == null ? null : new ConfirmationBook(shared, sealer, clock, ttl);
  }

  /** Where requests wait for approval: the shared store, sealed, when there are replicas; memory for a Berth alone. */
  ApprovalStore approvals(Clock clock) {
    return approvalSealer == null ? new InMemoryApprovalStore(clock) : new SharedApprovalStore(shared, approvalSealer);
  }

  @Override
  public void close() {
    leadership.close(); // the leader's duties stop first, then the lock is released
    shared.close();
  }
}
