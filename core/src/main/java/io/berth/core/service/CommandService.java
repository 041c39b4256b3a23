package io.berth.core.service;

import io.berth.core.approval.ApprovalRequest;
import io.berth.core.approval.ApprovalStore;
import io.berth.core.approval.InMemoryApprovalStore;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.CommandFolding;
import io.berth.core.audit.AuditUnavailableException;
import io.berth.core.audit.ControlCharacters;
import io.berth.core.audit.ExportFormat;
import io.berth.core.command.AuditQuery;
import io.berth.core.command.Catalog;
import io.berth.core.command.CommandSpec;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Execution;
import io.berth.core.command.LocalFiles;
import io.berth.core.command.Logs;
import io.berth.core.command.Ps;
import io.berth.core.command.Run;
import io.berth.core.command.Targets;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.language.CommandLanguage;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.language.SecretMasking;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.model.Subscription;
import io.berth.core.policy.AccessPolicy;
import io.berth.core.policy.ConfirmationBook;
import io.berth.core.policy.Decision;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.EngineStatus;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.LogLine;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.Result;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incoming port of the core: every surface turns a person's action into a call here. The use
 * cases below differ only in what they run; all of them pass the one {@link #authorizeAndRun}
 * step: identify → resolve targets (scope) → decide → write-ahead audit → execute → audit the end.
 */
public final class CommandService {
  private static final Logger log = LoggerFactory.getLogger(CommandService.class);

  private final CommandLanguage language;
  private final AccessPolicy policy;
  private final AuditTrail audit;
  private final ContainerEngine engine;
  private final CoreLimits limits;
  private final ConfirmationBook confirmations;
  private final ApprovalStore approvals;
  private final RunReach reach;
  private final Clock clock;

  public CommandService(CommandLanguage language, AccessPolicy policy, AuditTrail audit,
      ContainerEngine engine, CoreLimits limits, Clock clock) {
    this(language, policy, audit, engine, limits, clock, new InMemoryApprovalStore(clock));
  }

  /** @param approvals where requests held by the two-person rule wait (shared by replicas when it is shared) */
  public CommandService(CommandLanguage language, AccessPolicy policy, AuditTrail audit,
      ContainerEngine engine, CoreLimits limits, Clock clock, ApprovalStore approvals) {
    this.approvals = approvals;
    this.language = language;
    this.policy = policy;
    this.audit = audit;
    this.engine = engine;
    this.limits = limits;
    this.clock = clock;
    this.confirmations = new ConfirmationBook(clock, limits.confirmationTtl());
    this.reach = new RunReach(engine, policy);
  }

  public CommandLanguage language() {
    return language;
  }

  /** Chat and command-bar entry: text as the person typed it (already normalized by the surface). */
  public Outcome submit(Caller caller, String text, ProgressListener progress) {
    String masked = SecretMasking.mask(text);
    DockerRequest request;
    try {
      request = language.parse(text);
    } catch (CommandSyntaxException | IllegalArgumentException e) {
      Attempt a = new Attempt(caller, masked, "invalid", "");
      a.user = policy.identify(caller).orElse(null);
      return a.failed(Failure.USAGE, e.getMessage());
    }
    return execute(caller, request, masked, progress);
  }

  /** Buttons and forms: a typed request; {@code commandText} null means "describe it for me". */
  public Outcome execute(Caller caller, DockerRequest request, String commandText, ProgressListener progress) {
    return execute(caller, request, commandText, progress, null);
  }

  /** As above, from a surface that has the caller's own files ({@code local}: the CLI, for {@code cp}). */
  public Outcome execute(Caller caller, DockerRequest request, String commandText, ProgressListener progress,
      LocalFiles local) {
    String text = commandText == null ? language.describe(request) : commandText;
    Attempt a = new Attempt(caller, text, request.action(), request.target());
    return authorizeAndRun(a, request, Confirmation.ASK, null, null, null,
        (user, pinned) -> Catalog.bind(pinned).execute(execution(user, caller, progress, local))).outcome();
  }

  /** Second step of a destructive request: re-checks and runs what the token stands for, once. */
  public Outcome confirm(Caller caller, String token, ProgressListener progress) {
    return confirm(caller, token, progress, null);
  }

  /** As above, from a surface that has the caller's own files ({@code local}: the CLI). */
  public Outcome confirm(Caller caller, String token, ProgressListener progress, LocalFiles local) {
    Attempt a = new Attempt(caller, "confirm", "confirm", "");
    if (!a.identify()) return a.unknownIdentity();
    ConfirmationBook.Pending pending;
    boolean forOthers = policy.canConfirmForOthers(a.user);
    try {
      pending = confirmations.check(token, a.user, forOthers);
    } catch (ConfirmationBook.Refusal r) {
      return a.refused(r.getMessage());
    }
    DockerRequest request = pending.request();
    a = a.continuing(pending.requestId()); // the confirmed run is a step of the command that asked: one request id
    a.describe(pending.commandText(), request);
    // The whole decision again, for the person confirming, where they are now: identity, role,
    // scope (the targets are resolved again within their scope) and channel. A refusal leaves the
    // token for the requester to use from a place they may act from; only a press that passes
    // every check uses it up.
    Attempt run = a;
    return authorizeAndRun(run, request, Confirmation.GIVEN, "confirmed by " + run.user.name(), null,
        () -> confirmations.redeem(token, run.user, forOthers),
        (user, pinned) -> Catalog.bind(pinned).execute(execution(user, caller, progress, local))).outcome();
  }

  /** Withdraws a pending confirmation (the requester pressed Cancel): audited, linked to the request. */
  public Outcome cancel(Caller caller, String token) {
    Attempt a = new Attempt(caller, "cancel", "cancel", "");
    if (!a.identify()) return a.unknownIdentity();
    ConfirmationBook.Pending p;
    try {
      p = confirmations.redeem(token, a.user, policy.canConfirmForOthers(a.user));
    } catch (ConfirmationBook.Refusal r) {
      return a.refused(r.getMessage());
    }
    // recorded under the request's own id (a step of that command); action stays "cancel": a
    // requested record with the command's own action would read as it running
    a = a.continuing(p.requestId());
    a.text = p.commandText();
    a.target = p.request().target();
    a.record(AuditOutcome.REQUESTED, "cancel of request " + p.requestId(), null);
    a.record(AuditOutcome.FAILED, "cancelled by " + a.user.name(), a.elapsedMs());
    return new Outcome.Cancelled(a.id, p.requestId(), p.commandText());
  }

  /** The pending request behind a token, for rendering a confirmation dialog. */
  public Optional<ConfirmationBook.Pending> pending(String token) {
    return confirmations.peek(token);
  }

  // ---- the two-person rule ----

  /**
   * One approval of a request held by {@code policy.approvals}, from any surface. Refused (audited
   * {@code denied}) for the requester, a role the rule does not name, a second vote by the same
   * person, a container the approver cannot act on or that is no longer the one asked for, and
   * for a request that is decided or expired (an expired one is closed here, audited
   * {@code expired}). When this approval makes the count, the request runs, once, as the
   * requester, re-checked as such; the outcome is that run's. Otherwise it says how many are still missing.
   */
  public Outcome approve(Caller caller, String id, ProgressListener progress) {
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
      if (!approvals.replace(r, next)) continue; // someone else changed it first: decide again on what it is now
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
  public Outcome reject(Caller caller, String id) {
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
      if (!approvals.replace(r, r.closed(ApprovalRequest.State.REJECTED, a.user.name(), how))) continue;
      a.record(AuditOutcome.REJECTED, how, a.elapsedMs());
      return new Outcome.Rejected(r.id(), r.commandText(), a.user.name());
    }
  }

  /** Requests waiting for approval that the caller may see: their own, and those on containers in their scope. */
  public List<ApprovalRequest> pendingApprovals(Caller caller) {
    expireOverdue();
    Optional<BerthUser> user = policy.identify(caller);
    if (user.isEmpty()) return List.of();
    BerthUser u = user.get();
    return approvals.pending().stream().filter(r -> r.requester().name().equals(u.name()) || visible(u, r)).toList();
  }

  /** The request with this id if the caller may see it (any state), for rendering its end. */
  public Optional<ApprovalRequest> approval(Caller caller, String id) {
    Optional<BerthUser> user = policy.identify(caller);
    return user.flatMap(u -> approvals.find(id).filter(r -> r.requester().name().equals(u.name()) || visible(u, r)));
  }

  /** True when the caller could approve {@code r} (for showing the buttons; {@link #approve} checks again). */
  public boolean mayApprove(Caller caller, ApprovalRequest r) {
    Optional<BerthUser> user = policy.identify(caller);
    return user.isPresent() && r.open() && !r.requester().name().equals(user.get().name())
        && r.approverRoles().contains(user.get().role()) && !r.approvals().contains(user.get().name());
  }

  /** True when the caller could reject {@code r}: an approver, or its requester (withdrawing it). */
  public boolean mayReject(Caller caller, ApprovalRequest r) {
    Optional<BerthUser> user = policy.identify(caller);
    return user.isPresent() && r.open()
        && (r.requester().name().equals(user.get().name()) || r.approverRoles().contains(user.get().role()));
  }

  /** Every change to a request waiting for approval (asked, approved, ran, rejected, expired), for live views and chat. */
  public Subscription watchApprovals(Consumer<ApprovalRequest> listener) {
    return approvals.watch(listener);
  }

  /** Closes every pending request past its expiry (audited {@code expired}); the launcher calls it periodically. */
  public void expireOverdue() {
    Instant now = clock.instant();
    for (ApprovalRequest r : approvals.pending()) {
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
    ApprovalRequest r = approvals.find(id).orElse(null);
    Attempt a = new Attempt(caller, action, action, "", r == null ? null : r.id());
    if (!a.identify()) return new Press.Stop(a.unknownIdentity());
    if (r == null) {
      return new Press.Stop(a.refused("This approval request is unknown (or Berth restarted since it was asked); ask for it again."));
    }
    a.describe(r.commandText(), r.request());
    a.target = r.target();
    // the press counts only from where Berth may be used (policy.channels), like any command
    Optional<String> place = policy.placeDenied(caller);
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
    if (r.expiredAt(clock.instant())) {
      expire(r);
      return Optional.of(a.refused("This request expired at " + r.expiresAt()
          + " without enough approvals; it will not run. Ask for it again."));
    }
    return Optional.empty();
  }

  private void expire(ApprovalRequest r) {
    String how = "expired after " + r.approvals().size() + "/" + r.needed() + " approval(s)";
    if (!approvals.replace(r, r.closed(ApprovalRequest.State.EXPIRED, null, how))) return; // someone else closed it
    Attempt e = new Attempt(r.requestedBy(), r.commandText(), r.request().action(), r.target(), r.id());
    e.user = r.requester();
    e.record(AuditOutcome.EXPIRED, how, null);
  }

  /** A request the user may see: every container it acts on is in their scope. */
  private boolean visible(BerthUser user, ApprovalRequest r) {
    try {
      return resolveTargets(user, r.request(), false).stream().allMatch(p -> p.container() != null);
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
      resolveTargets(approver, r.request(), false);
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
    Attempt run = new Attempt(r.requestedBy(), r.commandText(), r.request().action(), r.target(), r.id());
    Outcome outcome;
    try {
      outcome = authorizeAndRun(run, r.request(), Confirmation.APPROVED, "approved by " + String.join(", ", r.approvals()),
          null, null, (user, pinned) -> Catalog.bind(pinned).execute(execution(user, r.requestedBy(), progress, null))).outcome();
    } catch (RuntimeException e) {
      log.error("approved request {} crashed", r.id(), e);
      outcome = new Outcome.Failed(r.id(), Failure.INTERNAL, "Berth hit an internal error running " + r.request().action()
          + " (request " + r.id() + "); it is in the server log.");
    }
    String result = outcome instanceof Outcome.Failed f ? "failed: " + f.message()
        : outcome instanceof Outcome.Denied d ? "denied: " + d.reason()
        : "succeeded";
    if (!approvals.replace(r, r.closed(ApprovalRequest.State.EXECUTED, null, result))) {
      log.warn("approved request {} changed while it ran", r.id());
    }
    return outcome;
  }

  /**
   * Follows a container's log for the console. Authorized and audited like {@code logs}; the
   * returned subscription must be closed to release the engine connection.
   */
  public Following followLogs(Caller caller, Logs request, Consumer<LogLine> sink) {
    Attempt a = new Attempt(caller, language.describe(request) + " --follow", request.action(), request.target());
    Step<Subscription> step = authorizeAndRun(a, request, Confirmation.REFUSE, null, "follow started", null, (user, pinned) -> {
      Logs l = (Logs) pinned;
      return engine.followLogs(l.container(), l.tail(), l.timestamps(), sink);
    });
    return new Following(step.outcome(), step.value());
  }

  /** A log follow that started (subscription set) or was refused (outcome says why). */
  public record Following(Outcome outcome, Subscription subscription) {
    public boolean started() {
      return subscription != null;
    }
  }

  /**
   * Streams the audit records matching {@code filter} to {@code out} (CSV or JSON lines), newest
   * first, in constant memory. Authorized like {@code audit} and itself audited.
   */
  public Outcome exportAudit(Caller caller, AuditFilter filter, ExportFormat format, Writer out) {
    return exportAudit(caller, filter, format, false, out);
  }

  /**
   * As above: one line per command with its phases folded in ({@link CommandFolding#export}), or
   * with {@code raw} one line per stored record, hashes included (what the chain holds).
   */
  public Outcome exportAudit(Caller caller, AuditFilter filter, ExportFormat format, boolean raw, Writer out) {
    AuditQuery query = new AuditQuery(filter, 1);
    Attempt a = new Attempt(caller, "audit export --format " + format.name().toLowerCase(Locale.ROOT)
        + (raw ? " --raw" : ""), query.action(), "");
    return authorizeAndRun(a, query, Confirmation.REFUSE, null, "exported", null, (user, pinned) -> {
      var visible = AuditVisibility.of(user, policy, engine);
      if (raw) audit.export(filter, format, out, visible);
      else CommandFolding.export(audit, filter, format, out, visible);
      return null;
    }).outcome();
  }

  /**
   * Live container events narrowed to what the caller may see (console live view). Empty when the
   * caller may not list containers.
   */
  public Optional<Subscription> watchEvents(Caller caller, Consumer<ContainerEvent> sink) {
    return watchEvents(caller, sink, status -> { });
  }

  /**
   * As {@link #watchEvents(Caller, Consumer)}, also telling {@code status} when the engine is lost
   * and back (the stream reconnects by itself), so the surface can say so instead of going quiet.
   */
  public Optional<Subscription> watchEvents(Caller caller, Consumer<ContainerEvent> sink, Consumer<EngineStatus> status) {
    Optional<BerthUser> user = policy.identify(caller);
    if (user.isEmpty() || !(policy.decide(user.get(), caller, Ps.running(), Optional.empty()) instanceof Decision.Allow)) {
      return Optional.empty();
    }
    BerthUser u = user.get();
    return Optional.of(engine.events(event -> {
      ContainerSummary probe = new ContainerSummary(event.containerId(), event.name(), "", "", "",
          List.of(), Instant.EPOCH, event.attributes());
      if (policy.inScope(u, probe)) sink.accept(event);
    }, status));
  }

  /** Every container event, unfiltered: for notifications, which are configured per channel. */
  public Subscription systemEvents(Consumer<ContainerEvent> sink) {
    return engine.events(sink);
  }

  /**
   * True when the caller's policy would let them use {@code action} at all (ignoring any
   * particular target), so a surface can hide controls it would refuse anyway. The core still
   * checks every real request; this is only for display, and not an attempt (not audited).
   */
  public boolean permits(Caller caller, String action) {
    Optional<BerthUser> user = policy.identify(caller);
    Optional<CommandSpec<?>> spec = Catalog.byName(action);
    if (user.isEmpty() || spec.isEmpty()) return false;
    Decision d = policy.decide(user.get(), caller, spec.get().probe(), Optional.empty());
    return !(d instanceof Decision.Deny);
  }

  // ---- the one authorize-and-audit step ----

  /** What a request does once authorized; {@code pinned} names its containers by resolved id. */
  @FunctionalInterface
  private interface Work<T> {
    T run(BerthUser user, DockerRequest pinned);
  }

  /** Takes what the request needs exclusively (a confirmation token); refuses when it is gone. */
  @FunctionalInterface
  private interface Claim {
    void claim() throws ConfirmationBook.Refusal;
  }

  /** What a {@link Decision.Confirm} (and a {@link Decision.NeedsApproval}) means for this use case. */
  private enum Confirmation {
    /** Approved under the two-person rule: neither a confirmation nor another approval is asked. */
    APPROVED,
    /** Issue a token and stop (the surface asks the person). */
    ASK,
    /** The person already confirmed this request. */
    GIVEN,
    /** This use case has no second step (follow, export): refuse. */
    REFUSE
  }

  /** How a use case ended: the outcome, and what the work returned when it ran. */
  private record Step<T>(Outcome outcome, T value) {
    static <T> Step<T> of(Outcome o) {
      return new Step<>(o, null);
    }
  }

  /**
   * {@code claim}, when given, is called once everything allowed the request and just before it
   * runs (a confirmation token is used up there, so a refused press leaves it usable).
   */
  private <T> Step<T> authorizeAndRun(Attempt a, DockerRequest request, Confirmation confirmation, String note,
      String doneMessage, Claim claim, Work<T> work) {
    if (a.user == null && !a.identify()) return Step.of(a.unknownIdentity());
    List<ContainerSummary> targets;
    List<Pin> pins;
    try {
      // a confirmer acts on exactly what was confirmed: any target gone from their scope refuses it all
      pins = resolveTargets(a.user, request, confirmation != Confirmation.GIVEN && confirmation != Confirmation.APPROVED);
      targets = found(pins);
    } catch (EngineException e) {
      if (confirmation == Confirmation.GIVEN && e.kind() == Failure.NOT_FOUND) {
        // the confirmer's scope does not hold the container: say so without naming it
        return Step.of(a.denied(a.user.name() + " may not confirm this: its container is not one " + a.user.name()
            + " can act on (policy scope)."));
      }
      return Step.of(a.failed(e.kind(), e.getMessage()));
    }
    if (!pins.isEmpty()) a.target = String.join(" ", targetNames(request, pins));
    if (request instanceof Run r && !r.joinedContainers().isEmpty()) {
      a.target = a.target + ", " + String.join(", ", r.joinedContainers()); // a run's joined containers are targets too
    }
    Decision decision = decide(a, request, targets);
    if (decision instanceof Decision.Confirm && !pins.isEmpty() && targets.isEmpty()) {
      decision = Decision.ALLOW; // every named container is missing: nothing will be acted on, nothing to confirm
    }
    if (decision instanceof Decision.Deny deny) return Step.of(a.denied(deny.reason()));
    if (request instanceof Run r) {
      // the containers and volumes a run reaches are targets too: out of scope, it does not go ahead
      try {
        Optional<String> refused = reach.volumeRefusal(a.user, r);
        if (refused.isPresent()) return Step.of(a.denied(refused.get()));
        request = reach.pinJoinedContainers(a.user, r);
      } catch (EngineException e) {
        return Step.of(a.failed(e.kind(), e.getMessage()));
      }
    }
    DockerRequest pinned = pins.isEmpty() ? request
        : Catalog.bind(request).pin(pins.stream().map(Pin::id).toList());
    if (decision instanceof Decision.NeedsApproval approval && confirmation != Confirmation.APPROVED) {
      if (confirmation == Confirmation.REFUSE) return Step.of(a.denied(a.action + " here cannot wait for approval: " + approval.why()));
      return Step.of(holdForApproval(a, pinned, approval));
    }
    if (decision instanceof Decision.Confirm confirm && confirmation != Confirmation.APPROVED) {
      if (confirmation == Confirmation.REFUSE) return Step.of(a.denied(a.action + " here cannot be confirmed: " + confirm.prompt()));
      if (confirmation == Confirmation.ASK) {
        ConfirmationBook.Pending pending = confirmations.issue(a.user, pinned, a.text, a.id);
        a.record(AuditOutcome.CONFIRMATION_REQUIRED, confirm.prompt(), 0L);
        return Step.of(new Outcome.ConfirmationRequired(a.id, pending.token(), confirm.prompt(), pending.expiresAt()));
      }
    }
    if (claim != null) {
      try {
        claim.claim();
      } catch (ConfirmationBook.Refusal r) {
        return Step.of(a.refused(r.getMessage()));
      }
    }
    return a.run(pinned.mutates(), note, doneMessage, () -> work.run(a.user, pinned));
  }

  /** Audited first, then stored, so no approval can come before the record of what it approves. */
  private Outcome holdForApproval(Attempt a, DockerRequest pinned, Decision.NeedsApproval approval) {
    Instant now = clock.instant();
    ApprovalRequest r = new ApprovalRequest(a.id, a.user, a.caller, pinned, a.text, a.target, approval.rule(),
        approval.approvers(), approval.count(), now, now.plus(approval.ttl()), List.of(), ApprovalRequest.State.PENDING,
        null, null, 0);
    a.record(AuditOutcome.APPROVAL_REQUESTED, approval.why() + " Expires " + r.expiresAt() + ".", 0L);
    approvals.add(r);
    return new Outcome.ApprovalRequired(a.id, a.text, approval.why(), approval.approvers(), 0, approval.count(), r.expiresAt());
  }

  /** One named container: resolved ({@code container} set) or, for a command that tries each target, missing. */
  private record Pin(String id, ContainerSummary container, String given) {}

  /**
   * Every container the request names, resolved; out of scope reads as not found. For a command
   * that tries each target on its own ({@link CommandSpec#eachTarget}), a target that is not found
   * is pinned as {@link Targets#missing} (when {@code lenient}) and fails alone when it runs; a
   * target already pinned as missing stays missing.
   */
  private List<Pin> resolveTargets(BerthUser user, DockerRequest request, boolean lenient) {
    boolean each = Catalog.specOf(request).eachTarget();
    List<Pin> out = new ArrayList<>();
    for (String ref : request.containers()) {
      if (Targets.isMissing(ref)) {
        out.add(new Pin(ref, null, ref.substring(1)));
        continue;
      }
      try {
        // Scope takes part in the resolution itself, so no answer (not even "ambiguous prefix") names
        // a container the user may not see.
        ContainerSummary c = engine.resolveContainer(ref, c2 -> policy.inScope(user, c2));
        out.add(new Pin(c.id(), c, ref));
      } catch (EngineException e) {
        if (!(each && lenient && e.kind() == Failure.NOT_FOUND)) throw e;
        out.add(new Pin(Targets.missing(ref), null, ref));
      }
    }
    return out;
  }

  private static List<ContainerSummary> found(List<Pin> pins) {
    return pins.stream().map(Pin::container).filter(java.util.Objects::nonNull).toList();
  }

  /** The audit target: resolved names, and a missing target as it was given. */
  private static List<String> targetNames(DockerRequest request, List<Pin> pins) {
    return pins.stream().map(p -> p.container() == null ? p.given() : p.container().name()).toList();
  }

  /** One decision for the request: each target is decided; any deny wins, then any confirm. */
  private Decision decide(Attempt a, DockerRequest request, List<ContainerSummary> targets) {
    if (targets.isEmpty()) return policy.decide(a.user, a.caller, request, Optional.empty());
    List<String> reasons = new ArrayList<>();
    Decision result = Decision.ALLOW;
    for (ContainerSummary t : targets) {
      Decision d = policy.decide(a.user, a.caller, request, Optional.of(t));
      if (d instanceof Decision.Deny) return d;
      if (d instanceof Decision.NeedsApproval n) {
        // the strictest rule among the targets holds the whole request
        if (!(result instanceof Decision.NeedsApproval held) || n.count() > held.count()) result = n;
        continue;
      }
      if (d instanceof Decision.Confirm c) {
        if (result instanceof Decision.Allow) result = d;
        // the prompt is "<consequence for this target> <why>": keep each distinct why
        String own = Catalog.bind(request).consequence(t.name());
        String why = c.prompt().startsWith(own) ? c.prompt().substring(own.length()).strip() : c.prompt();
        if (!reasons.contains(why)) reasons.add(why);
      }
    }
    if (result instanceof Decision.Confirm && targets.size() > 1) {
      // one confirmation for the whole request, naming every target it will act on
      String all = String.join(", ", targets.stream().map(ContainerSummary::name).toList());
      return new Decision.Confirm(Catalog.bind(request).consequence(all) + " " + String.join(" ", reasons));
    }
    return result;
  }

  private Execution execution(BerthUser user, Caller caller, ProgressListener progress, LocalFiles local) {
    return new Execution(engine, c -> policy.inScope(user, c), limits, language, audit,
        AuditVisibility.of(user, policy, engine), progress, permits(caller, "exec"), v -> policy.volumeInScope(user, v),
        Optional.ofNullable(local));
  }

  /** One attempt's audit records: same request id, caller, text, action and target throughout. */
  private final class Attempt {
    final String id;
    final Instant started = clock.instant();
    final Caller caller;
    BerthUser user;
    String text;
    String action;
    String target;

    Attempt(Caller caller, String text, String action, String target) {
      this(caller, text, action, target, null);
    }

    /** @param id the request id to record under (a request held for approval keeps its own); null: a new one */
    Attempt(Caller caller, String text, String action, String target, String id) {
      this.id = id == null ? UUID.randomUUID().toString() : id;
      this.caller = caller;
      this.text = text;
      this.action = action;
      this.target = target;
    }

    /** The same attempt, recorded under {@code requestId}: a later step (confirm, cancel) of the command that asked. */
    Attempt continuing(String requestId) {
      Attempt a = new Attempt(caller, text, action, target, requestId);
      a.user = user;
      return a;
    }

    boolean identify() {
      user = policy.identify(caller).orElse(null);
      return user != null;
    }

    void describe(String commandText, DockerRequest request) {
      text = commandText;
      action = request.action();
      target = request.target();
    }

    Outcome unknownIdentity() {
      return denied("Unknown identity " + caller.source().id() + ":" + caller.platformUserId() + ". "
          + policy.enrollmentHint(caller));
    }

    Outcome denied(String reason) {
      record(AuditOutcome.DENIED, reason, 0L);
      return new Outcome.Denied(id, reason);
    }

    /** A token that cannot be used (expired, someone else's, already used). */
    Outcome refused(String reason) {
      record(AuditOutcome.DENIED, reason, 0L);
      return new Outcome.Failed(id, Failure.CONFIRMATION, reason);
    }

    Outcome failed(Failure kind, String message) {
      record(AuditOutcome.FAILED, message, 0L);
      return new Outcome.Failed(id, kind, message);
    }

    /** Write-ahead audit, the work, then the closing record. */
    <T> Step<T> run(boolean mutates, String note, String doneMessage, java.util.function.Supplier<T> work) {
      try {
        audit.append(entry(AuditOutcome.REQUESTED, note, null));
      } catch (AuditUnavailableException e) {
        if (mutates) {
          log.error("audit unavailable, refusing {} ({})", action, e.getMessage());
          return Step.of(new Outcome.Failed(id, Failure.AUDIT_UNAVAILABLE,
              "Refused: the audit trail cannot be written (" + e.getMessage() + "). "
                  + "Berth does not change anything it cannot record; ask an admin to check the data directory."));
        }
        log.warn("audit unavailable, read-only {} goes ahead: {}", action, e.getMessage());
      }
      T value = null;
      Outcome outcome;
      try {
        value = work.get();
        outcome = new Outcome.Succeeded(id, value instanceof Result r ? r : null);
      } catch (EngineException e) {
        outcome = new Outcome.Failed(id, e.kind(), e.getMessage(), e.status());
      } catch (RuntimeException e) {
        log.error("request {} ({}) crashed", id, action, e);
        outcome = new Outcome.Failed(id, Failure.INTERNAL,
            "Berth hit an internal error running " + action + " (request " + id + "); it is in the server log.");
      }
      if (outcome instanceof Outcome.Failed f) {
        record(AuditOutcome.FAILED, f.kind().name().toLowerCase(Locale.ROOT) + ": " + f.message(), elapsedMs());
      } else if (value instanceof Result r && r.failed()) {
        // some of several targets failed: the command failed (docker exits 1), what did succeed is in its result
        record(AuditOutcome.FAILED, "partly failed: " + String.join("; ", r.errors()), elapsedMs());
      } else {
        record(AuditOutcome.SUCCEEDED, doneMessage == null ? note : doneMessage, elapsedMs());
      }
      return new Step<>(outcome, value);
    }

    long elapsedMs() {
      return Duration.between(started, clock.instant()).toMillis();
    }

    void record(AuditOutcome outcome, String message, Long durationMs) {
      try {
        audit.append(entry(outcome, message, durationMs));
      } catch (AuditUnavailableException ex) {
        log.error("could not write audit record {} {}: {}", id, outcome, ex.getMessage());
      }
    }

    /** The one place request records are built: whatever chat decoded (ESC, CR, bidi overrides) is stored escaped. */
    private AuditEntry entry(AuditOutcome outcome, String message, Long durationMs) {
      return new AuditEntry(id, clock.instant(), outcome, user == null ? null : user.name(), caller.source(),
          esc(caller.platformUserId()), esc(caller.displayName()), esc(caller.where().describe()), esc(text), action,
          esc(target), esc(message), durationMs);
    }
  }

  private static String esc(String text) {
    return ControlCharacters.escape(text);
  }
}
