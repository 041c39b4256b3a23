package io.berth.core.service;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.AuditUnavailableException;
import io.berth.core.audit.ControlCharacters;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Logs;
import io.berth.core.command.Run;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incoming port of the core: every surface turns a person's action into a call here. One path
 * for every request: parse → identify → authorize → write-ahead audit → execute → audit the end.
 */
public final class CommandService {
  private static final Logger log = LoggerFactory.getLogger(CommandService.class);

  private final CommandLanguage language;
  private final AccessPolicy policy;
  private final AuditTrail audit;
  private final ContainerEngine engine;
  private final RequestExecutor executor;
  private final RunReach reach;
  private final ConfirmationBook confirmations;
  private final Clock clock;

  public CommandService(CommandLanguage language, AccessPolicy policy, AuditTrail audit,
      ContainerEngine engine, CoreLimits limits, Clock clock) {
    this.language = language;
    this.policy = policy;
    this.audit = audit;
    this.engine = engine;
    this.clock = clock;
    this.executor = new RequestExecutor(engine, policy, language, audit, limits);
    this.reach = new RunReach(engine, policy);
    this.confirmations = new ConfirmationBook(clock, limits.confirmationTtl());
  }

  public CommandLanguage language() {
    return language;
  }

  /** Chat and command-bar entry: text as the person typed it (already normalized by the surface). */
  public Outcome submit(Caller caller, String text, ProgressListener progress) {
    DockerRequest request;
    try {
      request = language.parse(text);
    } catch (CommandSyntaxException | IllegalArgumentException e) {
      String id = newRequestId();
      Optional<BerthUser> user = policy.identify(caller);
      recordQuietly(entry(id, AuditOutcome.FAILED, user.orElse(null), caller, SecretMasking.mask(text),
          "invalid", "", e.getMessage(), 0L));
      return new Outcome.Failed(id, Failure.USAGE, e.getMessage());
    }
    return execute(caller, request, SecretMasking.mask(text), progress);
  }

  /** Buttons and forms: a typed request; {@code commandText} null means "describe it for me". */
  public Outcome execute(Caller caller, DockerRequest request, String commandText, ProgressListener progress) {
    String id = newRequestId();
    String text = commandText == null ? language.describe(request) : commandText;
    Optional<BerthUser> maybeUser = policy.identify(caller);
    if (maybeUser.isEmpty()) {
      String reason = "Unknown identity " + caller.source().id() + ":" + caller.platformUserId() + ". "
          + policy.enrollmentHint(caller);
      recordQuietly(entry(id, AuditOutcome.DENIED, null, caller, text, request.action(), request.target(), reason, 0L));
      return new Outcome.Denied(id, reason);
    }
    BerthUser user = maybeUser.get();

    Optional<ContainerSummary> target;
    try {
      target = resolveTarget(user, request);
    } catch (EngineException e) {
      recordQuietly(entry(id, AuditOutcome.FAILED, user, caller, text, request.action(), request.target(), e.getMessage(), 0L));
      return new Outcome.Failed(id, e.kind(), e.getMessage());
    }

    Decision decision = policy.decide(user, caller, request, target);
    String auditTarget = targetName(request, target);
    if (decision instanceof Decision.Deny deny) {
      recordQuietly(entry(id, AuditOutcome.DENIED, user, caller, text, request.action(), auditTarget, deny.reason(), 0L));
      return new Outcome.Denied(id, deny.reason());
    }
    if (request instanceof Run r) {
      // the containers and volumes a run reaches are targets too: out of scope, it does not go ahead
      try {
        Optional<String> refused = reach.volumeRefusal(user, r);
        if (refused.isPresent()) {
          recordQuietly(entry(id, AuditOutcome.DENIED, user, caller, text, "run", auditTarget, refused.get(), 0L));
          return new Outcome.Denied(id, refused.get());
        }
        request = reach.pinJoinedContainers(user, r);
      } catch (EngineException e) {
        recordQuietly(entry(id, AuditOutcome.FAILED, user, caller, text, "run", auditTarget, e.getMessage(), 0L));
        return new Outcome.Failed(id, e.kind(), e.getMessage());
      }
    }
    if (decision instanceof Decision.Confirm confirm) {
      ConfirmationBook.Pending pending = confirmations.issue(user, pinTarget(request, target), text, id);
      recordQuietly(entry(id, AuditOutcome.CONFIRMATION_REQUIRED, user, caller, text, request.action(),
          auditTarget, confirm.prompt(), 0L));
      return new Outcome.ConfirmationRequired(id, pending.token(), confirm.prompt(), pending.expiresAt());
    }
    return run(id, user, caller, pinTarget(request, target), text, auditTarget, progress, null);
  }

  /** Second step of a destructive request: runs what the token stands for, once. */
  public Outcome confirm(Caller caller, String token, ProgressListener progress) {
    String id = newRequestId();
    Optional<BerthUser> maybeUser = policy.identify(caller);
    if (maybeUser.isEmpty()) {
      String reason = "Unknown identity " + caller.source().id() + ":" + caller.platformUserId() + ". "
          + policy.enrollmentHint(caller);
      recordQuietly(entry(id, AuditOutcome.DENIED, null, caller, "confirm", "confirm", "", reason, 0L));
      return new Outcome.Denied(id, reason);
    }
    BerthUser user = maybeUser.get();
    ConfirmationBook.Pending pending;
    boolean forOthers = policy.canConfirmForOthers(user);
    try {
      pending = confirmations.check(token, user, forOthers);
    } catch (ConfirmationBook.Refusal r) {
      recordQuietly(entry(id, AuditOutcome.DENIED, user, caller, "confirm", "confirm", "", r.getMessage(), 0L));
      return new Outcome.Failed(id, Failure.CONFIRMATION, r.getMessage());
    }
    DockerRequest request = pending.request();
    // The whole decision again, for the person confirming, where they are now: identity, role,
    // scope (the target is resolved again within their scope) and channel. A refusal leaves the
    // token for the requester to use from a place they may act from.
    Optional<ContainerSummary> target;
    try {
      target = resolveTarget(user, request);
    } catch (EngineException e) {
      String reason = e.kind() == Failure.NOT_FOUND
          ? user.name() + " may not confirm this: its container is not one " + user.name() + " can act on (policy scope)."
          : e.getMessage();
      recordQuietly(entry(id, e.kind() == Failure.NOT_FOUND ? AuditOutcome.DENIED : AuditOutcome.FAILED, user, caller,
          pending.commandText(), request.action(), request.target(), reason, 0L));
      return e.kind() == Failure.NOT_FOUND ? new Outcome.Denied(id, reason) : new Outcome.Failed(id, e.kind(), reason);
    }
    Decision decision = policy.decide(user, caller, request, target);
    if (decision instanceof Decision.Deny deny) {
      recordQuietly(entry(id, AuditOutcome.DENIED, user, caller, pending.commandText(), request.action(),
          targetName(request, target), deny.reason(), 0L));
      return new Outcome.Denied(id, deny.reason());
    }
    try {
      confirmations.redeem(token, user, forOthers);
    } catch (ConfirmationBook.Refusal r) {
      recordQuietly(entry(id, AuditOutcome.DENIED, user, caller, "confirm", "confirm", "", r.getMessage(), 0L));
      return new Outcome.Failed(id, Failure.CONFIRMATION, r.getMessage());
    }
    return run(id, user, caller, request, pending.commandText(), targetName(request, target), progress,
        "confirmed request " + pending.requestId());
  }

  /** Cancels a pending confirmation (the requester pressed Cancel); audited. */
  public Outcome cancel(Caller caller, String token) {
    String id = newRequestId();
    Optional<BerthUser> user = policy.identify(caller);
    if (user.isEmpty()) {
      return new Outcome.Denied(id, "Unknown identity. " + policy.enrollmentHint(caller));
    }
    try {
      ConfirmationBook.Pending p = confirmations.redeem(token, user.get(), policy.canConfirmForOthers(user.get()));
      recordQuietly(entry(id, AuditOutcome.FAILED, user.get(), caller, p.commandText(), p.request().action(),
          p.request().target(), "cancelled by " + user.get().name(), 0L));
      return new Outcome.Failed(id, Failure.CONFIRMATION, "Cancelled: " + p.commandText());
    } catch (ConfirmationBook.Refusal r) {
      return new Outcome.Failed(id, Failure.CONFIRMATION, r.getMessage());
    }
  }

  /** The pending request behind a token, for rendering a confirmation dialog. */
  public Optional<ConfirmationBook.Pending> pending(String token) {
    return confirmations.peek(token);
  }

  /**
   * Follows a container's log for the console. Authorized and audited like {@code logs}; the
   * returned subscription must be closed to release the engine connection.
   */
  public Following followLogs(Caller caller, Logs request, Consumer<LogLine> sink) {
    String id = newRequestId();
    String text = language.describe(request) + " --follow";
    Optional<BerthUser> maybeUser = policy.identify(caller);
    if (maybeUser.isEmpty()) {
      String reason = "Unknown identity. " + policy.enrollmentHint(caller);
      recordQuietly(entry(id, AuditOutcome.DENIED, null, caller, text, "logs", request.container(), reason, 0L));
      return new Following(new Outcome.Denied(id, reason), null);
    }
    BerthUser user = maybeUser.get();
    try {
      Optional<ContainerSummary> target = resolveTarget(user, request);
      Decision d = policy.decide(user, caller, request, target);
      if (!(d instanceof Decision.Allow)) {
        String reason = d instanceof Decision.Deny deny ? deny.reason() : "follow needs no confirmation";
        recordQuietly(entry(id, AuditOutcome.DENIED, user, caller, text, "logs", request.container(), reason, 0L));
        return new Following(new Outcome.Denied(id, reason), null);
      }
      ContainerSummary c = target.orElseThrow();
      recordQuietly(entry(id, AuditOutcome.SUCCEEDED, user, caller, text, "logs", c.name(), "follow started", 0L));
      Subscription s = engine.followLogs(c.id(), request.tail(), request.timestamps(), sink);
      return new Following(new Outcome.Succeeded(id, null), s);
    } catch (EngineException e) {
      recordQuietly(entry(id, AuditOutcome.FAILED, user, caller, text, "logs", request.container(), e.getMessage(), 0L));
      return new Following(new Outcome.Failed(id, e.kind(), e.getMessage()), null);
    }
  }

  /** A log follow that started (subscription set) or was refused (outcome says why). */
  public record Following(Outcome outcome, Subscription subscription) {
    public boolean started() {
      return subscription != null;
    }
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
  public Optional<Subscription> watchEvents(Caller caller, Consumer<ContainerEvent> sink,
      Consumer<EngineStatus> status) {
    Optional<BerthUser> user = policy.identify(caller);
    if (user.isEmpty()
        || !(policy.decide(user.get(), caller, io.berth.core.command.Ps.running(), Optional.empty())
            instanceof Decision.Allow)) {
      return Optional.empty();
    }
    BerthUser u = user.get();
    return Optional.of(engine.events(event -> {
      ContainerSummary probe = new ContainerSummary(event.containerId(), event.name(), "", "", "",
          java.util.List.of(), Instant.EPOCH, event.attributes());
      if (policy.inScope(u, probe)) sink.accept(event);
    }, status));
  }

  /** Every container event, unfiltered: for notifications, which are configured per channel. */
  public Subscription systemEvents(Consumer<ContainerEvent> sink) {
    return engine.events(sink);
  }


  // ---- console additions (web): what to show, and streamed audit export ----

  /**
   * True when the caller's policy would let them use {@code action} at all (ignoring any
   * particular target), so a surface can hide controls it would refuse anyway. The core still
   * checks every real request; this is only for display.
   */
  public boolean permits(Caller caller, String action) {
    Optional<BerthUser> user = policy.identify(caller);
    if (user.isEmpty()) return false;
    Optional<DockerRequest> probe = ActionProbe.of(action);
    if (probe.isEmpty()) return false;
    Decision d = policy.decide(user.get(), caller, probe.get(), Optional.empty());
    return !(d instanceof Decision.Deny);
  }

  /**
   * Streams the audit records matching {@code filter} to {@code out} (CSV or JSON lines), newest
   * first, in constant memory. Authorized like {@code audit} and itself audited.
   */
  public Outcome exportAudit(Caller caller, io.berth.core.audit.AuditFilter filter,
      io.berth.core.audit.ExportFormat format, java.io.Writer out) {
    String id = newRequestId();
    String text = "audit export --format " + format.name().toLowerCase(java.util.Locale.ROOT);
    Optional<BerthUser> maybeUser = policy.identify(caller);
    if (maybeUser.isEmpty()) {
      String reason = "Unknown identity " + caller.source().id() + ":" + caller.platformUserId() + ". "
          + policy.enrollmentHint(caller);
      recordQuietly(entry(id, AuditOutcome.DENIED, null, caller, text, "audit", "", reason, 0L));
      return new Outcome.Denied(id, reason);
    }
    BerthUser user = maybeUser.get();
    Decision d = policy.decide(user, caller, new io.berth.core.command.AuditQuery(filter, 1), Optional.empty());
    if (d instanceof Decision.Deny deny) {
      recordQuietly(entry(id, AuditOutcome.DENIED, user, caller, text, "audit", "", deny.reason(), 0L));
      return new Outcome.Denied(id, deny.reason());
    }
    Instant started = clock.instant();
    recordQuietly(entry(id, AuditOutcome.REQUESTED, user, caller, text, "audit", "", null, null));
    try {
      audit.export(filter, format, out, AuditVisibility.of(user, policy, engine));
    } catch (RuntimeException e) {
      log.error("audit export {} failed", id, e);
      recordQuietly(entry(id, AuditOutcome.FAILED, user, caller, text, "audit", "", "export failed", 0L));
      return new Outcome.Failed(id, Failure.INTERNAL, "The audit export failed (request " + id + ").");
    }
    long ms = Duration.between(started, clock.instant()).toMillis();
    recordQuietly(entry(id, AuditOutcome.SUCCEEDED, user, caller, text, "audit", "", "exported", ms));
    return new Outcome.Succeeded(id, null);
  }

  private Outcome run(String id, BerthUser user, Caller caller, DockerRequest request, String text,
      String target, ProgressListener progress, String note) {
    Instant started = clock.instant();
    try {
      audit.append(entry(id, AuditOutcome.REQUESTED, user, caller, text, request.action(), target, note, null));
    } catch (AuditUnavailableException e) {
      if (request.mutates()) {
        log.error("audit unavailable, refusing {} ({})", request.action(), e.getMessage());
        return new Outcome.Failed(id, Failure.AUDIT_UNAVAILABLE,
            "Refused: the audit trail cannot be written (" + e.getMessage() + "). "
                + "Berth does not change anything it cannot record; ask an admin to check the data directory.");
      }
      log.warn("audit unavailable, read-only {} goes ahead: {}", request.action(), e.getMessage());
    }
    Outcome outcome;
    try {
      Result result = executor.execute(user, request, progress);
      outcome = new Outcome.Succeeded(id, result);
    } catch (EngineException e) {
      outcome = new Outcome.Failed(id, e.kind(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("request {} ({}) crashed", id, request.action(), e);
      outcome = new Outcome.Failed(id, Failure.INTERNAL,
          "Berth hit an internal error running " + request.action() + " (request " + id + "); it is in the server log.");
    }
    long ms = Duration.between(started, clock.instant()).toMillis();
    AuditOutcome end = outcome instanceof Outcome.Succeeded ? AuditOutcome.SUCCEEDED : AuditOutcome.FAILED;
    String message = outcome instanceof Outcome.Failed f ? f.kind().name().toLowerCase() + ": " + f.message() : note;
    recordQuietly(entry(id, end, user, caller, text, request.action(), target, message, ms));
    return outcome;
  }

  private Optional<ContainerSummary> resolveTarget(BerthUser user, DockerRequest request) {
    if (request.targetContainer().isEmpty()) return Optional.empty();
    String ref = request.targetContainer().get();
    // Scope takes part in the resolution itself, so no answer (not even "ambiguous prefix") names
    // a container the user may not see.
    return Optional.of(engine.resolveContainer(ref, c -> policy.inScope(user, c)));
  }

  /** Executes against the resolved id, so a rename between check and act cannot redirect it. */
  private static DockerRequest pinTarget(DockerRequest request, Optional<ContainerSummary> target) {
    return target.map(c -> TargetPinning.pin(request, c.id())).orElse(request);
  }

  /** The audit record's target: the resolved container, else the request's, plus every container a run joins. */
  private static String targetName(DockerRequest request, Optional<ContainerSummary> target) {
    String main = target.map(ContainerSummary::name).orElse(request.target());
    if (!(request instanceof Run r) || r.joinedContainers().isEmpty()) return main;
    return main + ", " + String.join(", ", r.joinedContainers());
  }

  private void recordQuietly(AuditEntry e) {
    try {
      audit.append(e);
    } catch (AuditUnavailableException ex) {
      log.error("could not write audit record {} {}: {}", e.requestId(), e.outcome(), ex.getMessage());
    }
  }

  private AuditEntry entry(String id, AuditOutcome outcome, BerthUser user, Caller caller, String text,
      String action, String target, String message, Long durationMs) {
    // The one place request records are built: whatever chat decoded (ESC, CR, bidi overrides) is stored escaped.
    return new AuditEntry(id, clock.instant(), outcome, user == null ? null : user.name(), caller.source(),
        esc(caller.platformUserId()), esc(caller.displayName()), esc(caller.where().describe()), esc(text), action,
        esc(target), esc(message), durationMs);
  }

  private static String esc(String text) {
    return ControlCharacters.escape(text);
  }

  private static String newRequestId() {
    return UUID.randomUUID().toString();
  }
}
