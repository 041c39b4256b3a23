package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.approval.ApprovalRequest;
import io.berth.core.approval.ApprovalStore;
import io.berth.core.approval.InMemoryApprovalStore;
import io.berth.core.model.Subscription;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.core.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two-person rule ({@code policy.approvals}) in the core, whatever the surface: a held request
 * waits, the requester cannot approve it, the approver's role and scope are checked when they
 * approve, it runs exactly once when the count is reached (also when approvers press at once),
 * rejected and expired requests never run, and every step is audited under the request's id.
 */
class TwoPersonRuleTest {
  final TestClock clock = TestClock.at("2026-11-28T12:00:00Z");
  final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "prod-web", "running", Map.of("env", "prod"))
      .with("bbb222", "dev-web", "running", Map.of("env", "dev"))
      .with("ccc333", "prod-db", "running", Map.of("env", "prod", "team", "db"));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final ConfiguredPolicy policy = new ConfiguredPolicy(ConfigLoader.parse("""
      policy:
        users:
          otto: { role: operator, identities: { slack: [U_O] } }
          ada:  { role: admin, identities: { slack: [U_A], web: { login: ada, passwordHash: "$2a$10$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" } } }
          bea:  { role: admin, identities: { slack: [U_B] } }
          cy:   { role: admin, identities: { slack: [U_C] } }
          vic:  { role: viewer, identities: { slack: [U_V] } }
          dina: { role: admin, identities: { slack: [U_D] }, scope: { labels: { team: db } } }
        approvals:
          rules:
            prod-restarts:
              commands: [restart, stop]
              containers: { labels: { env: prod } }
              approvers: [admin]
              ttl: 10m
            two-for-db:
              commands: [kill]
              containers: { names: ["prod-db"] }
              approvers: [admin]
              count: 2
      """, Map.of()).policy());
  /** Lets every approver of a round read the same pending request before any of them writes (a real race, every time). */
  final GatedStore store = new GatedStore(new InMemoryApprovalStore(clock));
  final CommandService service = new CommandService(new PicocliCommandLanguage(clock), policy, audit, engine,
      CoreLimits.DEFAULTS, clock, store);

  static final class GatedStore implements ApprovalStore {
    final ApprovalStore inner;
    final AtomicInteger gated = new AtomicInteger();
    volatile CyclicBarrier barrier;

    GatedStore(ApprovalStore inner) {
      this.inner = inner;
    }

    void gate(int readers) {
      barrier = new CyclicBarrier(readers);
      gated.set(readers);
    }

    @Override
    public Optional<ApprovalRequest> find(String id) {
      Optional<ApprovalRequest> r = inner.find(id);
      if (gated.getAndDecrement() > 0) {
        try {
          barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return r;
    }

    @Override
    public void add(ApprovalRequest request) {
      inner.add(request);
    }

    @Override
    public List<ApprovalRequest> pending() {
      return inner.pending();
    }

    @Override
    public boolean replace(ApprovalRequest expected, ApprovalRequest next) {
      return inner.replace(expected, next);
    }

    @Override
    public boolean announce(ApprovalRequest request, String platform) {
      return inner.announce(request, platform);
    }

    @Override
    public void announced(ApprovalRequest request, String platform, List<String> messages) {
      inner.announced(request, platform, messages);
    }

    @Override
    public List<String> announcedMessages(String requestId, String platform) {
      return inner.announcedMessages(requestId, platform);
    }

    @Override
    public Subscription watch(Consumer<ApprovalRequest> listener) {
      return inner.watch(listener);
    }
  }
  final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  static Caller web(String login) {
    return new Caller(Source.WEB, login, login, Location.remote("127.0.0.1"));
  }

  private String ask(String user, String text) {
    Outcome o = service.submit(slack(user), text, ProgressListener.IGNORE);
    assertThat(o).isInstanceOf(Outcome.ApprovalRequired.class);
    return o.requestId();
  }

  private List<AuditOutcome> trail(String requestId) {
    return audit.entries().stream().filter(e -> e.requestId().equals(requestId)).map(AuditEntry::outcome).toList();
  }

  @Test
  void aHeldRequestWaitsAndRunsOnceWhenSomeoneElseApproves() {
    Outcome held = service.submit(slack("U_O"), "restart prod-web", ProgressListener.IGNORE);

    assertThat(held).isInstanceOfSatisfying(Outcome.ApprovalRequired.class, a -> {
      assertThat(a.needed()).isEqualTo(1);
      assertThat(a.approvers()).containsExactly("admin");
      assertThat(a.prompt()).contains("approval by someone else with role admin", "policy.approvals.rules.prod-restarts");
    });
    assertThat(engine.mutatingCalls()).isEmpty();
    assertThat(service.pendingApprovals(slack("U_A"))).extracting(ApprovalRequest::id).containsExactly(held.requestId());

    Outcome ran = service.approve(slack("U_A"), held.requestId(), ProgressListener.IGNORE);

    assertThat(ran).isInstanceOf(Outcome.Succeeded.class);
    assertThat(engine.mutatingCalls()).containsExactly("restart aaa111");
    assertThat(trail(held.requestId())).containsExactly(AuditOutcome.APPROVAL_REQUESTED, AuditOutcome.APPROVED,
        AuditOutcome.REQUESTED, AuditOutcome.SUCCEEDED);
    AuditEntry approved = audit.entries().stream().filter(e -> e.outcome() == AuditOutcome.APPROVED).findFirst().orElseThrow();
    assertThat(approved.berthUser()).isEqualTo("ada");
    AuditEntry run = audit.entries().stream().filter(e -> e.outcome() == AuditOutcome.REQUESTED).findFirst().orElseThrow();
    assertThat(run.berthUser()).isEqualTo("otto"); // it runs as the requester, re-checked as such
    assertThat(run.message()).contains("approved by ada");
    assertThat(service.pendingApprovals(slack("U_A"))).isEmpty();

    Outcome again = service.approve(slack("U_B"), held.requestId(), ProgressListener.IGNORE);
    assertThat(again).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("was approved and ran (succeeded)"));
    assertThat(engine.mutatingCalls()).hasSize(1);
  }

  @Test
  void containersOutsideTheRuleAreNotHeld() {
    assertThat(service.submit(slack("U_O"), "restart dev-web", ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(engine.mutatingCalls()).containsExactly("restart bbb222");
  }

  @Test
  void theRequesterCannotApproveTheirOwn() {
    String id = ask("U_A", "restart prod-web"); // an admin's own request still needs another admin

    Outcome self = service.approve(slack("U_A"), id, ProgressListener.IGNORE);

    assertThat(self).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(Failure.CONFIRMATION);
      assertThat(f.message()).contains("ada asked for this and cannot approve it");
    });
    assertThat(engine.mutatingCalls()).isEmpty();
    assertThat(trail(id)).containsExactly(AuditOutcome.APPROVAL_REQUESTED, AuditOutcome.DENIED);
    assertThat(service.pendingApprovals(slack("U_B"))).extracting(ApprovalRequest::id).containsExactly(id);
  }

  @Test
  void anApproverNeedsTheRuleRoleAndTheContainerInTheirScope() {
    String id = ask("U_O", "restart prod-web");

    assertThat(service.approve(slack("U_V"), id, ProgressListener.IGNORE)).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("vic has role viewer, which may not approve this"));
    assertThat(service.approve(slack("U_D"), id, ProgressListener.IGNORE)).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("dina may not approve this").doesNotContain("prod-web"));
    assertThat(engine.mutatingCalls()).isEmpty();
    assertThat(service.pendingApprovals(slack("U_D"))).isEmpty(); // not even visible outside her scope
  }

  @Test
  void aReplacedContainerIsNotTheOneApproved() {
    String id = ask("U_O", "restart prod-web");
    engine.without("aaa111");
    engine.with("zzz999", "prod-web", "running", Map.of("env", "prod"));

    Outcome o = service.approve(slack("U_A"), id, ProgressListener.IGNORE);

    assertThat(o).isInstanceOfSatisfying(Outcome.Denied.class, d -> assertThat(d.reason()).contains("gone, was replaced"));
    assertThat(engine.mutatingCalls()).doesNotContain("restart zzz999");
  }

  @Test
  void anExpiredRequestCannotRun() {
    String id = ask("U_O", "restart prod-web");
    clock.advance(Duration.ofMinutes(10));

    Outcome late = service.approve(web("ada"), id, ProgressListener.IGNORE);

    assertThat(late).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message()).contains("expired"));
    assertThat(engine.mutatingCalls()).isEmpty();
    assertThat(trail(id)).contains(AuditOutcome.EXPIRED).doesNotContain(AuditOutcome.APPROVED, AuditOutcome.REQUESTED);
    assertThat(service.approve(slack("U_B"), id, ProgressListener.IGNORE)).isInstanceOf(Outcome.Failed.class);
    assertThat(trail(id)).filteredOn(o -> o == AuditOutcome.EXPIRED).hasSize(1);
  }

  @Test
  void expiryIsRecordedEvenWhenNobodyPressesAgain() {
    String id = ask("U_O", "restart prod-web");
    clock.advance(Duration.ofMinutes(11));

    service.expireOverdue();

    assertThat(trail(id)).containsExactly(AuditOutcome.APPROVAL_REQUESTED, AuditOutcome.EXPIRED);
    assertThat(service.approval(slack("U_O"), id)).get().extracting(ApprovalRequest::state)
        .isEqualTo(ApprovalRequest.State.EXPIRED);
  }

  @Test
  void aPressFromAChannelBerthIsNotAllowedInIsRefusedAndTheRequestStaysPending() {
    ConfiguredPolicy fenced = new ConfiguredPolicy(ConfigLoader.parse("""
        policy:
          users:
            otto: { role: operator, identities: { slack: [U_O] } }
            ada:  { role: admin, identities: { slack: [U_A] } }
          channels:
            slack: { channels: [C1] }
          approvals:
            rules:
              prod-restarts: { commands: [restart], containers: { labels: { env: prod } }, approvers: [admin] }
        """, Map.of()).policy());
    CommandService fencedService = new CommandService(new PicocliCommandLanguage(clock), fenced, audit, engine,
        CoreLimits.DEFAULTS, clock, new InMemoryApprovalStore(clock));
    String id = fencedService.submit(slack("U_O"), "restart prod-web", ProgressListener.IGNORE).requestId();
    Caller elsewhere = new Caller(Source.SLACK, "U_A", "U_A", Location.channel("T1", "C_RANDOM"));

    assertThat(fencedService.approve(elsewhere, id, ProgressListener.IGNORE)).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("does not take commands in slack channel C_RANDOM"));
    assertThat(fencedService.reject(elsewhere, id)).isInstanceOf(Outcome.Denied.class);
    assertThat(engine.mutatingCalls()).isEmpty();
    assertThat(trail(id)).containsExactly(AuditOutcome.APPROVAL_REQUESTED, AuditOutcome.DENIED, AuditOutcome.DENIED);

    assertThat(fencedService.approve(slack("U_A"), id, ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(engine.mutatingCalls()).containsExactly("restart aaa111");
  }

  @Test
  void aRejectedRequestNeverRuns() {
    String id = ask("U_O", "restart prod-web");

    assertThat(service.reject(slack("U_B"), id)).isInstanceOf(Outcome.Rejected.class);
    assertThat(service.approve(slack("U_A"), id, ProgressListener.IGNORE)).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("rejected by bea"));
    assertThat(engine.mutatingCalls()).isEmpty();
    assertThat(trail(id)).containsExactly(AuditOutcome.APPROVAL_REQUESTED, AuditOutcome.REJECTED, AuditOutcome.DENIED);
  }

  @Test
  void approveAndRejectMeetTheSameChecksBeforeTheirOwnRules() {
    // an unknown request: one answer for both buttons
    Outcome approveUnknown = service.approve(slack("U_A"), "no-such-request", ProgressListener.IGNORE);
    Outcome rejectUnknown = service.reject(slack("U_A"), "no-such-request");
    assertThat(approveUnknown).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) rejectUnknown).message()).isEqualTo(((Outcome.Failed) approveUnknown).message())
        .contains("unknown").contains("ask for it again");

    // a closed request: both say how it ended and do nothing
    String id = ask("U_O", "restart prod-web");
    assertThat(service.reject(slack("U_B"), id)).isInstanceOf(Outcome.Rejected.class);
    assertThat(service.reject(slack("U_A"), id)).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("was rejected by bea; nothing more was done"));
    assertThat(trail(id)).containsExactly(AuditOutcome.APPROVAL_REQUESTED, AuditOutcome.REJECTED, AuditOutcome.DENIED);
    assertThat(engine.mutatingCalls()).isEmpty();
  }

  @Test
  void twoApprovalsAreCountedAndTheSamePersonCountsOnce() {
    String id = ask("U_O", "kill prod-db");
    assertThat(service.approve(slack("U_A"), id, ProgressListener.IGNORE)).isInstanceOfSatisfying(
        Outcome.ApprovalRequired.class, a -> assertThat(a.approvals()).isEqualTo(1));
    assertThat(service.approve(web("ada"), id, ProgressListener.IGNORE)).isInstanceOf(Outcome.Failed.class);
    assertThat(engine.mutatingCalls()).isEmpty();

    assertThat(service.approve(slack("U_B"), id, ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(engine.mutatingCalls()).singleElement().asString().startsWith("kill ccc333");
  }

  @Test
  void approversPressingAtOnceRunItExactlyOnce() throws Exception {
    for (int round = 0; round < 20; round++) {
      String id = ask("U_O", "restart prod-web");
      List<String> approvers = List.of("U_A", "U_B", "U_C");
      store.gate(approvers.size());
      CyclicBarrier start = new CyclicBarrier(approvers.size());
      List<Future<Outcome>> presses = new ArrayList<>();
      for (String a : approvers) {
        presses.add(pool.submit((Callable<Outcome>) () -> {
          start.await();
          return service.approve(slack(a), id, ProgressListener.IGNORE);
        }));
      }
      int ran = 0;
      for (Future<Outcome> f : presses) if (f.get() instanceof Outcome.Succeeded) ran++;
      assertThat(ran).as("round %d", round).isEqualTo(1);
      assertThat(trail(id)).filteredOn(o -> o == AuditOutcome.REQUESTED).hasSize(1);
    }
    assertThat(engine.mutatingCalls()).hasSize(20);
  }
}
