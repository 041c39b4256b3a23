package io.berth.core.service;

import io.berth.core.approval.ApprovalRequest;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.engine.EngineException;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.model.Subscription;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-person rule: requests held by {@code policy.approvals} are approved, rejected, withdrawn
 * or expire here; the one that gets its approvals runs, once, through the same {@link AuditedStep}.
 */
final class Approvals {
  private static final Logger log = LoggerFactory.getLogger(Approvals.class);

  private final AuditedStep step;

  Approvals(AuditedStep step) {
    this.step = step;
  }

  /**
   * One approval of a request held by {@code policy.approvals}, from any surface. Refused (audited
   * {@code denied}) for the requester, a role the rule does not name, a second vote by the same
   * person, a container the approver cannot act on or that is no longer the one asked for, and
   * for a request that is decided or expired (an expired one is closed here, audited
   * {@code expired}). When this approval makes the count, the request runs, once, as the
   * requester, re-checked as such; the outcome is that run's. Otherwise it says how many are still missing.
   */
  Outcome approve(Caller caller, String id, ProgressListener progress) {
    for (;;) {
      Press press = press(caller, id, "approve");
      if (!(press instanceof Press.Open open)) return ((Press.Stop) press).outcome();
      Attempt a = open.attempt();
      ApprovalRequest r = open.request();
      if (r.requester().name().equals(a.user.name())) {
        return a.refused(a.user.name() + " asked for this and cannot approve it: someone else with role "
            + String.join(" or ", r.approverRoles()) + " must. It stays pending.");
      }
      if (!r.approverRoles().contains(a.user.role())) {
        return a.denied(a.user.name() + " has role " + a.user.role() + ", which may not approve this: it needs role "
            + String.join(" or ", r.approverRoles()) + " (policy.approvals.rules." + r.rule() + "). It stays pending.");
      }
      if (r.approvals().contains(a.user.name())) {
        return a.refused(a.user.name() + " approved this already; it needs " + (r.needed() - r.approvals().size())
            + " more approval(s) by other people.");
      }
      Optional<String> stale = recheck(a.user, r);
      if (stale.isPresent()) return a.denied(stale.get());
      ApprovalRequest next = r.approvedBy(a.user.name());
      if (!step.approvals.replace(r, next)) continue; // someone else changed it first: decide again on what it is now
      a.record(AuditOutcome.APPROVED, "approval " + next.approvals().size() + "/" + next.needed() + " by " + a.user.name()
          + " (rule " + r.rule() + ")", a.elapsedMs());
      if (next.state() == ApprovalRequest.State.PENDING) {
        return new Outcome.ApprovalRequired(r.id(), r.commandText(), "Approved by " + String.join(", ", next.approvals())
            + "; " + (next.needed() - next.approvals().size()) + " more approval(s) needed.", r.approverRoles(),
            next.approvals().size(), next.needed(), r.expiresAt());
      }
      return runApproved(next, progress);
    }
  }

  /**
   * Rejects a request waiting for approval (an approver), or withdraws it (its requester): it never
   * runs. Audited {@code rejected} under the request's id.
   */
  Outcome reject(Caller caller, String id) {
    for (;;) {
      Press press = press(caller, id, "reject");
      if (!(press instanceof Press.Open open)) return ((Press.Stop) press).outcome();
      Attempt a = open.attempt();
      ApprovalRequest r = open.request();
      boolean own = r.requester().name().equals(a.user.name());
      if (!own && !r.approverRoles().contains(a.user.role())) {
        return a.denied(a.user.name() + " has role " + a.user.role() + ", which may not reject this: it needs role "
            + String.join(" or ", r.approverRoles()) + " (policy.approvals.rules." + r.rule() + "). It stays pending.");
      }
      String how = own ? "withdrawn by " + a.user.name() : "rejected by " + a.user.name();
      if (!step.approvals.replace(r, r.closed(ApprovalRequest.State.REJECTED, a.user.name(), how))) continue;
      a.record(AuditOutcome.REJECTED, how, a.elapsedMs());
      return new Outcome.Rejected(r.id(), r.commandText(), a.user.name());
    }
  }

  /** Requests waiting for approval that the caller may see: their own, and those on containers in their scope. */
  List<ApprovalRequest> pending(Caller caller) {
    expireOverdue();
    Optional<BerthUser> user = step.policy.identify(caller);
    if (user.isEmpty()) return List.of();
    BerthUser u = user.get();
    return step.approvals.pending().stream().filter(r -> r.requester().name().equals(u.name())
        || visible(step.policy.inContext(u, r.context()), r)).toList();
  }

  /** The request with this id if the caller may see it (any state), for rendering its end. */
  Optional<ApprovalRequest> find(Caller caller, String id) {
    Optional<BerthUser> user = step.policy.identify(caller);
    return user.flatMap(u -> step.approvals.find(id).filter(r -> r.requester().name().equals(u.name())
        || visible(step.policy.inContext(u, r.context()), r)));
  }

  /** True when the caller could approve {@code r} (for showing the buttons; {@link #approve} checks again). */
  boolean mayApprove(Caller caller, ApprovalRequest r) {
    Optional<BerthUser> user = step.policy.identify(caller).map(u -> step.policy.inContext(u, r.context()));
    return user.isPresent() && r.open() && !r.requester().name().equals(user.get().name())
        && r.approverRoles().contains(user.get().role()) && !r.approvals().contains(user.get().name());
  }

  /** True when the caller could reject {@code r}: an approver, or its requester (withdrawing it). */
  boolean mayReject(Caller caller, ApprovalRequest r) {
    Optional<BerthUser> user = step.policy.identify(caller).map(u -> step.policy.inContext(u, r.context()));
    return user.isPresent() && r.open()
        && (r.requester().name().equals(user.get().name()) || r.approverRoles().contains(user.get().role()));
  }

  /** Every change to a request waiting for approval (asked, approved, ran, rejected, expired). */
  Subscription watch(Consumer<ApprovalRequest> listener) {
    return step.approvals.watch(listener);
  }

  List<ApprovalRequest> allPending() {
    return step.approvals.pending();
  }

  boolean announce(ApprovalRequest r, String platform) {
    return step.approvals.announce(r, platform);
  }

  void announced(ApprovalRequest r, String platform, List<String> messages) {
    step.approvals.announced(r, platform, messages);
  }

  List<String> announcedMessages(String requestId, String platform) {
    return step.approvals.announcedMessages(requestId, platform);
  }

  /** Closes every pending request past its expiry (audited {@code expired}). */
  void expireOverdue() {
    Instant now = step.clock.instant();
    for (ApprovalRequest r : step.approvals.pending()) {
      if (r.expiredAt(now)) expire(r);
    }
  }

  /** Where a press on Approve or Reject stands once the checks both share are done. */
  private sealed interface Press permits Press.Stop, Press.Open {
    /** Answered already (refused, denied, closed or expired; audited): return this. */
    record Stop(Outcome outcome) implements Press {}

    /** The presser is identified, may press here, and the request is open: go on with the button's own rules. */
    record Open(Attempt attempt, ApprovalRequest request) implements Press {}
  }

  /**
   * The preamble of {@link #approve} and {@link #reject}: identify the presser, find the request,
   * check the place (policy.channels) and whether it is closed or expired — each refusal audited
   * under the request's id.
   */
  private Press press(Caller caller, String id, String action) {
    ApprovalRequest r = step.approvals.find(id).orElse(null);
    Attempt a = step.attempt(caller, action, action, "", r == null ? null : r.id());
    if (!a.identify()) return new Press.Stop(a.unknownIdentity());
    if (r == null) {
      return new Press.Stop(a.refused("This approval request is unknown (or Berth restarted since it was asked); ask for it again."));
    }
    a.describe(r.commandText(), r.request());
    a.target = r.target();
    a.user = step.policy.inContext(a.user, r.context()); // the presser's role where the request acts (policy.*.contexts)
    a.ranIn = r.context();
    // the press counts only from where Berth may be used (policy.channels), like any command
    Optional<String> place = step.policy.placeDenied(caller);
    if (place.isPresent()) return new Press.Stop(a.denied(place.get() + ". It stays pending."));
    Optional<Outcome> closed = closedOrExpired(a, r);
    return closed.<Press>map(Press.Stop::new).orElseGet(() -> new Press.Open(a, r));
  }

  /** Closed: say how. Expired: close it (once, audited) and say so. Open: empty. */
  private Optional<Outcome> closedOrExpired(Attempt a, ApprovalRequest r) {
    if (!r.open()) {
      String how = switch (r.state()) {
        case RUNNING -> "was approved and is running";
        case EXECUTED -> "was approved and ran (" + r.result() + ")";
        case REJECTED -> "was " + r.result();
        case EXPIRED -> "expired at " + r.expiresAt() + " without enough approvals; ask for it again";
        case PENDING -> "is pending";
      };
      return Optional.of(a.refused("This request " + how + "; nothing more was done."));
    }
    if (r.expiredAt(step.clock.instant())) {
      expire(r);
      return Optional.of(a.refused("This request expired at " + r.expiresAt()
          + " without enough approvals; it will not run. Ask for it again."));
    }
    return Optional.empty();
  }

  private void expire(ApprovalRequest r) {
    String how = "expired after " + r.approvals().size() + "/" + r.needed() + " approval(s)";
    if (!step.approvals.replace(r, r.closed(ApprovalRequest.State.EXPIRED, null, how))) return; // someone else closed it
    Attempt e = step.attempt(r.requestedBy(), r.commandText(), r.request().action(), r.target(), r.id());
    e.user = r.requester();
    e.ranIn = r.context();
    e.record(AuditOutcome.EXPIRED, how, null);
  }

  /** A request the user may see: every container it acts on is in their scope. */
  private boolean visible(BerthUser user, ApprovalRequest r) {
    try {
      return step.resolveTargets(user, r.request(), false, r.context()).stream().allMatch(p -> p.container() != null);
    } catch (EngineException e) {
      return false;
    }
  }

  /**
   * The approver's side of the decision, now: every container it acts on is still there, is the
   * one asked for (same id), and is in the approver's scope.
   */
  private Optional<String> recheck(BerthUser approver, ApprovalRequest r) {
    try {
      step.resolveTargets(approver, r.request(), false, r.context());
      return Optional.empty();
    } catch (EngineException e) {
      if (e.kind() != Failure.NOT_FOUND) return Optional.of(e.getMessage());
      return Optional.of(approver.name() + " may not approve this: a container it acts on is gone, was replaced, or is"
          + " not one " + approver.name() + " can act on (policy scope). It stays pending.");
    }
  }

  /**
   * The approved request, run once (this caller won the compare-and-set to RUNNING) as its
   * requester, with the whole decision taken again for them; then closed with how it ended.
   */
  private Outcome runApproved(ApprovalRequest r, ProgressListener progress) {
    Attempt run = step.attempt(r.requestedBy(), r.commandText(), r.request().action(), r.target(), r.id());
    run.context = r.context();
    Outcome outcome;
    try {
      outcome = step.authorizeAndRun(run, r.request(), AuditedStep.Confirmation.APPROVED,
          "approved by " + String.join(", ", r.approvals()), null, null,
          step.execute(r.requestedBy(), progress, null)).outcome();
    } catch (RuntimeException e) {
      log.error("approved request {} crashed", r.id(), e);
      outcome = new Outcome.Failed(r.id(), Failure.INTERNAL, "Berth hit an internal error running " + r.request().action()
          + " (request " + r.id() + "); it is in the server log.");
    }
    String result = outcome instanceof Outcome.Failed f ? "failed: " + f.message()
        : outcome instanceof Outcome.Denied d ? "denied: " + d.reason()
        : "succeeded";
    if (!step.approvals.replace(r, r.closed(ApprovalRequest.State.EXECUTED, null, result))) {
      log.warn("approved request {} changed while it ran", r.id());
    }
    return outcome;
  }
}
