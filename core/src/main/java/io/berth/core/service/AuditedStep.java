package io.berth.core.service;

import io.berth.core.approval.ApprovalRequest;
import io.berth.core.approval.ApprovalStore;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditTrail;
import io.berth.core.command.Catalog;
import io.berth.core.command.ContextTarget;
import io.berth.core.command.CommandSpec;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Execution;
import io.berth.core.command.LocalFiles;
import io.berth.core.command.Reach;
import io.berth.core.command.Targets;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.Engines;
import io.berth.core.language.CommandLanguage;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.policy.AccessPolicy;
import io.berth.core.policy.ConfirmationBook;
import io.berth.core.policy.Decision;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one authorize-and-audit step every use case passes: identify → resolve targets (scope) →
 * decide → check what the command reaches → write-ahead audit → execute → audit the end. The use
 * cases ({@link Commands}, {@link Confirmations}, {@link Approvals}, {@link Watches},
 * {@link AuditExport}) differ only in what they run and in what a confirmation means for them.
 */
final class AuditedStep {
  final AccessPolicy policy;
  final AuditTrail audit;
  /** The default context's engine: streams and the audit's visibility check use it. */
  final ContainerEngine engine;
  final Engines engines;
  final CoreLimits limits;
  final CommandLanguage language;
  final ConfirmationBook confirmations;
  final ApprovalStore approvals;
  final Clock clock;

  AuditedStep(CommandLanguage language, AccessPolicy policy, AuditTrail audit, Engines engines,
      CoreLimits limits, Clock clock, ApprovalStore approvals, ConfirmationBook confirmations) {
    this.language = language;
    this.policy = policy;
    this.audit = audit;
    this.engines = engines;
    this.engine = engines.engine(null);
    this.limits = limits;
    this.clock = clock;
    this.approvals = approvals;
    this.confirmations = confirmations != null ? confirmations : new ConfirmationBook(clock, limits.confirmationTtl());
  }

  /** What a request does once authorized; {@code pinned} names its containers by resolved id, in {@code engine}'s context. */
  @FunctionalInterface
  interface Work<T> {
    T run(BerthUser user, DockerRequest pinned, ContainerEngine engine);
  }

  /** Takes what the request needs exclusively (a confirmation token); refuses when it is gone. */
  @FunctionalInterface
  interface Claim {
    void claim() throws ConfirmationBook.Refusal;
  }

  /** What a {@link Decision.Confirm} (and a {@link Decision.NeedsApproval}) means for this use case. */
  enum Confirmation {
    /** Approved under the two-person rule: neither a confirmation nor another approval is asked. */
    APPROVED,
    /** Issue a token and stop (the surface asks the person). */
    ASK,
    /** The person already confirmed this request. */
    GIVEN,
    /** This use case has no second step (follow, export): refuse. */
    REFUSE,
    /** Issue a confirmation token, but refuse what needs approvers: a live session cannot wait for them (terminals). */
    ASK_NOT_HOLD
  }

  /** How a use case ended: the outcome, and what the work returned when it ran. */
  record Step<T>(Outcome outcome, T value) {
    static <T> Step<T> of(Outcome o) {
      return new Step<>(o, null);
    }
  }

  /** A new attempt (a new request id). */
  Attempt attempt(Caller caller, String text, String action, String target) {
    return new Attempt(this, caller, text, action, target, null);
  }

  /** An attempt recorded under {@code id} (a request held for approval keeps its own); null: a new one. */
  Attempt attempt(Caller caller, String text, String action, String target, String id) {
    return new Attempt(this, caller, text, action, target, id);
  }

  /** The work of most use cases: the command's own execution, as {@code user}, with the caller's progress and files. */
  Work<Result> execute(Caller caller, ProgressListener progress, LocalFiles local) {
    return (user, pinned, engine) -> Catalog.bind(pinned).execute(execution(user, caller, progress, local, engine));
  }

  /**
   * {@code claim}, when given, is called once everything allowed the request and just before it
   * runs (a confirmation token is used up there, so a refused press leaves it usable).
   */
  <T> Step<T> authorizeAndRun(Attempt a, DockerRequest request, Confirmation confirmation, String note,
      String doneMessage, Claim claim, Work<T> work) {
    return authorizeThen(a, request, confirmation, claim,
        (pinned, engine) -> a.run(pinned.mutates(), note, doneMessage, () -> work.run(a.user, pinned, engine)));
  }

  /**
   * As {@link #authorizeAndRun}, for work that outlives the call (an interactive session): the requested record is
   * written before it starts and a failure to start closes the attempt, but once it started the work writes its own
   * closing record when it ends ({@link Attempt#record}).
   */
  <T> Step<T> authorizeAndOpen(Attempt a, DockerRequest request, Confirmation confirmation, String note, Claim claim,
      Work<T> work) {
    return authorizeThen(a, request, confirmation, claim,
        (pinned, engine) -> a.open(pinned.mutates(), note, () -> work.run(a.user, pinned, engine)));
  }

  private <T> Step<T> authorizeThen(Attempt a, DockerRequest request, Confirmation confirmation, Claim claim,
      java.util.function.BiFunction<DockerRequest, ContainerEngine, Step<T>> then) {
    if (a.user == null && !a.identify()) return Step.of(a.unknownIdentity());
    ContainerEngine engine;
    try {
      // the context: --context, else the one a context/NAME target names, else the channel's, else the default
      String chosen = contextOf(a.context, request);
      a.context = engines.checked(chosen != null ? chosen : engines.defaultFor(a.caller), false);
      engine = engines.engine(a.context);
      a.ranIn = Catalog.bind(request).runsOnEngine() ? a.context : null;
    } catch (EngineException e) {
      return Step.of(a.failed(e.kind(), e.getMessage()));
    }
    // a user's role and scope, the run guards and approval rules may differ per context (policy.*.contexts)
    a.user = policy.inContext(a.user, a.context);
    List<ContainerSummary> targets;
    List<Pin> pins;
    try {
      // a confirmer acts on exactly what was confirmed: any target gone from their scope refuses it all
      pins = resolveTargets(a.user, request, confirmation != Confirmation.GIVEN && confirmation != Confirmation.APPROVED, engine);
      targets = found(pins);
    } catch (EngineException e) {
      if (confirmation == Confirmation.GIVEN && e.kind() == Failure.NOT_FOUND) {
        // the confirmer's scope does not hold the container: say so without naming it
        return Step.of(a.denied(a.user.name() + " may not confirm this: its container is not one " + a.user.name()
            + " can act on (policy scope)."));
      }
      return Step.of(a.failed(e.kind(), e.getMessage()));
    }
    if (!pins.isEmpty()) a.target = String.join(" ", targetNames(pins));
    List<String> reaches = Catalog.bind(request).reaches();
    if (!reaches.isEmpty()) a.target = a.target + ", " + String.join(", ", reaches); // what it reaches is a target too
    Decision decision = inContextWords(decide(a, request, targets), a.context);
    if (decision instanceof Decision.Confirm && !pins.isEmpty() && targets.isEmpty()) {
      decision = Decision.ALLOW; // every named container is missing: nothing will be acted on, nothing to confirm
    }
    if (decision instanceof Decision.Deny deny) return Step.of(a.denied(deny.reason()));
    try {
      // what the command reaches besides its named containers: out of scope, it does not go ahead
      request = Catalog.bind(request).reach(reach(a.user, engine));
    } catch (Reach.Refused r) {
      return Step.of(a.denied(r.getMessage()));
    } catch (EngineException e) {
      return Step.of(a.failed(e.kind(), e.getMessage()));
    }
    DockerRequest pinned = pins.isEmpty() ? request
        : Catalog.bind(request).pin(pins.stream().map(Pin::id).toList());
    if (decision instanceof Decision.NeedsApproval approval && confirmation != Confirmation.APPROVED) {
      if (confirmation == Confirmation.REFUSE || confirmation == Confirmation.ASK_NOT_HOLD) {
        return Step.of(a.denied(a.action + " here cannot wait for approval: " + approval.why()));
      }
      return Step.of(holdForApproval(a, pinned, approval));
    }
    if (decision instanceof Decision.Confirm confirm && confirmation != Confirmation.APPROVED) {
      if (confirmation == Confirmation.REFUSE) return Step.of(a.denied(a.action + " here cannot be confirmed: " + confirm.prompt()));
      if (confirmation == Confirmation.ASK || confirmation == Confirmation.ASK_NOT_HOLD) {
        ConfirmationBook.Pending pending = confirmations.issue(a.user, pinned, a.text, a.id, a.context);
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
    return then.apply(pinned, engine);
  }

  /** Audited first, then stored, so no approval can come before the record of what it approves. */
  private Outcome holdForApproval(Attempt a, DockerRequest pinned, Decision.NeedsApproval approval) {
    Instant now = clock.instant();
    ApprovalRequest r = new ApprovalRequest(a.id, a.user, a.caller, pinned, a.text, a.target, approval.rule(),
        approval.approvers(), approval.count(), now, now.plus(approval.ttl()), List.of(), ApprovalRequest.State.PENDING,
        null, null, 0, a.context);
    a.record(AuditOutcome.APPROVAL_REQUESTED, approval.why() + " Expires " + r.expiresAt() + ".", 0L);
    approvals.add(r);
    return new Outcome.ApprovalRequired(a.id, a.text, approval.why(), approval.approvers(), 0, approval.count(), r.expiresAt());
  }

  /** One named container: resolved ({@code container} set) or, for a command that tries each target, missing. */
  record Pin(String id, ContainerSummary container, String given) {}

  /**
   * Every container the request names, resolved; out of scope reads as not found. For a command
   * that tries each target on its own ({@link CommandSpec#eachTarget}), a target that is not found
   * is pinned as {@link Targets#missing} (when {@code lenient}) and fails alone when it runs; a
   * target already pinned as missing stays missing.
   */
  List<Pin> resolveTargets(BerthUser user, DockerRequest request, boolean lenient, String context) {
    return resolveTargets(user, request, lenient, engines.engine(context));
  }

  /**
   * The context a request runs in: {@code given} (--context), else the one its {@code context/NAME} targets name
   * (all the same one), else null (the default). A target naming another context than --context is refused.
   */
  String contextOf(String given, DockerRequest request) {
    String named = null;
    for (String ref : request.containers()) {
      String c = ContextTarget.contextOf(ref);
      if (c == null) continue;
      if (named != null && !named.equals(c)) {
        throw new EngineException(Failure.USAGE, "targets name two contexts (" + named + ", " + c + "); one command runs in one context");
      }
      named = c;
    }
    if (given != null && named != null && !given.equals(named)) {
      throw new EngineException(Failure.USAGE, "--context " + given + " but the target names context " + named);
    }
    return given != null ? given : named;
  }

  private List<Pin> resolveTargets(BerthUser user, DockerRequest request, boolean lenient, ContainerEngine engine) {
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
        ContainerSummary c = engine.resolveContainer(ContextTarget.nameOf(ref), c2 -> policy.inScope(user, c2));
        out.add(new Pin(c.id(), c, ref));
      } catch (EngineException e) {
        if (!(each && lenient && e.kind() == Failure.NOT_FOUND)) throw e;
        out.add(new Pin(Targets.missing(ref), null, ref));
      }
    }
    return out;
  }

  private static List<ContainerSummary> found(List<Pin> pins) {
    return pins.stream().map(Pin::container).filter(Objects::nonNull).toList();
  }

  /** The audit target: resolved names, and a missing target as it was given. */
  private static List<String> targetNames(List<Pin> pins) {
    return pins.stream().map(p -> p.container() == null ? p.given() : p.container().name()).toList();
  }

  /**
   * With several contexts, a confirmation or approval says where it will act ("On prod: This will remove …"): the same
   * name on two engines is two containers.
   */
  private Decision inContextWords(Decision d, String context) {
    if (!engines.several()) return d;
    String on = "On " + context + ": ";
    if (d instanceof Decision.Confirm c) return new Decision.Confirm(on + c.prompt());
    if (d instanceof Decision.NeedsApproval n) return new Decision.NeedsApproval(n.rule(), n.approvers(), n.count(), n.ttl(), on + n.why());
    return d;
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

  /**
   * True when the caller's policy would let them use {@code action} at all (ignoring any
   * particular target). Only for display; not an attempt (not audited).
   */
  boolean permits(Caller caller, String action) {
    Optional<BerthUser> user = policy.identify(caller);
    Optional<CommandSpec<?>> spec = Catalog.byName(action);
    if (user.isEmpty() || spec.isEmpty()) return false;
    Decision d = policy.decide(user.get(), caller, spec.get().probe(), Optional.empty());
    return !(d instanceof Decision.Deny);
  }

  private Reach reach(BerthUser user, ContainerEngine engine) {
    return new Reach(user.name(), engine, c -> policy.inScope(user, c), v -> policy.volumeInScope(user, v));
  }

  Execution execution(BerthUser user, Caller caller, ProgressListener progress, LocalFiles local, ContainerEngine engine) {
    return new Execution(engine, c -> policy.inScope(user, c), limits, language, audit,
        AuditVisibility.of(user, policy, engine), progress, permits(caller, "exec"), v -> policy.volumeInScope(user, v),
        Optional.ofNullable(local), (action, image) -> policy.imageRefusal(user, action, image));
  }
}
