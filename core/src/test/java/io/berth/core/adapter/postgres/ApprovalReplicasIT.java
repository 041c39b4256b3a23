package io.berth.core.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.approval.ApprovalRequest;
import io.berth.core.approval.SharedApprovalStore;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.replica.Sealer;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.PostgresCluster;
import io.berth.core.testing.PostgresForClass;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.core.testing.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas (two CommandServices, each with its own audit store and shared store) on one PostgreSQL and one
 * engine: a request held on replica A is approved on replica B and runs once, also when approved on both at once.
 */
class ApprovalReplicasIT {
  @RegisterExtension static final PostgresForClass postgres = new PostgresForClass();
  private final TestClock clock = new TestClock(Instant.now());
  private final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "prod-web", "running", Map.of("env", "prod"));
  private final ConfiguredPolicy policy = new ConfiguredPolicy(ConfigLoader.parse("""
      policy:
        users:
          otto: { role: operator, identities: { slack: [U_O] } }
          ada:  { role: admin, identities: { slack: [U_A] } }
          bea:  { role: admin, identities: { slack: [U_B] } }
        approvals:
          rules:
            prod-restarts:
              commands: [restart]
              containers: { labels: { env: prod } }
              approvers: [admin]
      """, Map.of()).policy());
  private final List<AutoCloseable> opened = new ArrayList<>();
  private CommandService replicaA;
  private CommandService replicaB;

  @BeforeEach
  void twoReplicas() throws Exception {
    var settings = PostgresAuditTrail.Settings.of(postgres.cluster().url(postgres.cluster().createDatabase()), PostgresCluster.USER);
    byte[] key = new byte[32]; // in Berth: derived from the signing key every replica shares
    key[0] = 7;
    replicaA = replica(settings, key);
    replicaB = replica(settings, key);
  }

  private CommandService replica(PostgresAuditTrail.Settings settings, byte[] key) {
    PostgresAuditTrail audit = PostgresAuditTrail.open(settings, postgres.cluster().password());
    PostgresSharedStore shared = PostgresSharedStore.open(settings, postgres.cluster().password(), clock);
    opened.add(audit);
    opened.add(shared);
    return new CommandService(new PicocliCommandLanguage(clock), policy, audit, engine, CoreLimits.DEFAULTS, clock,
        new SharedApprovalStore(shared, new Sealer(key)));
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) c.close();
  }

  private static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  @Test
  void a_request_held_on_one_replica_is_approved_on_the_other_and_runs_once() {
    Outcome held = replicaA.submit(slack("U_O"), "restart prod-web", ProgressListener.IGNORE);
    assertThat(held).isInstanceOf(Outcome.ApprovalRequired.class);
    assertThat(replicaB.pendingApprovals(slack("U_A"))).extracting(r -> r.id()).containsExactly(held.requestId());

    Outcome ran = replicaB.approve(slack("U_A"), held.requestId(), ProgressListener.IGNORE);

    assertThat(ran).isInstanceOf(Outcome.Succeeded.class);
    assertThat(engine.mutatingCalls()).containsExactly("restart aaa111");
    assertThat(replicaA.pendingApprovals(slack("U_B"))).isEmpty();
    assertThat(replicaA.approve(slack("U_B"), held.requestId(), ProgressListener.IGNORE))
        .isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message()).contains("was approved and ran"));
    assertThat(engine.mutatingCalls()).hasSize(1);
  }

  @Test
  void approved_on_both_replicas_at_once_it_runs_once() throws Exception {
    for (int round = 0; round < 5; round++) {
      Outcome held = replicaA.submit(slack("U_O"), "restart prod-web", ProgressListener.IGNORE);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Callable<Outcome>> presses = List.of(
            () -> replicaA.approve(slack("U_A"), held.requestId(), ProgressListener.IGNORE),
            () -> replicaB.approve(slack("U_B"), held.requestId(), ProgressListener.IGNORE));
        int succeeded = 0;
        for (Future<Outcome> f : pool.invokeAll(presses)) if (f.get() instanceof Outcome.Succeeded) succeeded++;
        assertThat(succeeded).as("round " + round).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
      assertThat(engine.mutatingCalls()).as("round " + round).hasSize(round + 1);
    }
  }

  @Test
  void a_decision_taken_on_one_replica_reaches_the_requester_waiting_on_the_other() throws Exception {
    List<ApprovalRequest> heardOnA = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (var watching = replicaA.watchApprovals(heardOnA::add)) {
      Outcome held = replicaA.submit(slack("U_O"), "restart prod-web", ProgressListener.IGNORE);
      assertThat(replicaB.reject(slack("U_A"), held.requestId())).isInstanceOf(Outcome.Rejected.class);

      long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (heardOnA.stream().noneMatch(r -> r.id().equals(held.requestId()) && r.state() == ApprovalRequest.State.REJECTED)) {
        if (System.nanoTime() > until) throw new AssertionError("replica A did not hear the rejection on B: " + heardOnA);
        Thread.sleep(20);
      }
      assertThat(heardOnA).extracting(ApprovalRequest::state)
          .containsExactly(ApprovalRequest.State.PENDING, ApprovalRequest.State.REJECTED);
    }
  }
}
