package io.berth.core.service;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditUnavailableException;
import io.berth.core.audit.ControlCharacters;
import io.berth.core.command.DockerRequest;
import io.berth.core.engine.EngineException;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One attempt's audit records: same request id, caller, text, action and target throughout. */
final class Attempt {
  private static final Logger log = LoggerFactory.getLogger(Attempt.class);

  private final AuditedStep step;
  final String id;
  final Instant started;
  final Caller caller;
  BerthUser user;
  String text;
  String action;
  String target;
  /** The context (endpoint) it runs in: --context, else a context/NAME target's, else the default (set when authorized). */
  String context;
  /**
   * The context its records name in the audit's context column: set once the context is checked
   * (authorized, or taken from the confirmation or approval that was), null for records of no
   * engine (unknown identity, a bad command, a context that does not exist).
   */
  String ranIn;

  Attempt(AuditedStep step, Caller caller, String text, String action, String target, String id) {
    this.step = step;
    this.started = step.clock.instant();
    this.id = id == null ? UUID.randomUUID().toString() : id;
    this.caller = caller;
    this.text = text;
    this.action = action;
    this.target = target;
  }

  /** The same attempt, recorded under {@code requestId}: a later step (confirm, cancel) of the command that asked. */
  Attempt continuing(String requestId) {
    Attempt a = new Attempt(step, caller, text, action, target, requestId);
    a.user = user;
    a.context = context;
    a.ranIn = ranIn;
    return a;
  }

  boolean identify() {
    user = step.policy.identify(caller).orElse(null);
    return user != null;
  }

  void describe(String commandText, DockerRequest request) {
    text = commandText;
    action = request.action();
    target = request.target();
  }

  Outcome unknownIdentity() {
    return denied("Unknown identity " + caller.source().id() + ":" + caller.platformUserId() + ". "
        + step.policy.enrollmentHint(caller));
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
  <T> AuditedStep.Step<T> run(boolean mutates, String note, String doneMessage, Supplier<T> work) {
    try {
      step.audit.append(entry(AuditOutcome.REQUESTED, note, null));
    } catch (AuditUnavailableException e) {
      if (mutates) {
        log.error("audit unavailable, refusing {} ({})", action, e.getMessage());
        return AuditedStep.Step.of(new Outcome.Failed(id, Failure.AUDIT_UNAVAILABLE,
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
    return new AuditedStep.Step<>(outcome, value);
  }

  /**
   * Write-ahead audit and the start of work that ends later: no closing record here unless it failed to start (the
   * work writes its own once it ends).
   */
  <T> AuditedStep.Step<T> open(boolean mutates, String note, Supplier<T> work) {
    try {
      step.audit.append(entry(AuditOutcome.REQUESTED, note, null));
    } catch (AuditUnavailableException e) {
      if (mutates) {
        log.error("audit unavailable, refusing {} ({})", action, e.getMessage());
        return AuditedStep.Step.of(new Outcome.Failed(id, Failure.AUDIT_UNAVAILABLE,
            "Refused: the audit trail cannot be written (" + e.getMessage() + "). "
                + "Berth does not change anything it cannot record; ask an admin to check the data directory."));
      }
    }
    try {
      return new AuditedStep.Step<>(new Outcome.Succeeded(id, null), work.get());
    } catch (EngineException e) {
      record(AuditOutcome.FAILED, e.kind().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage(), elapsedMs());
      return AuditedStep.Step.of(new Outcome.Failed(id, e.kind(), e.getMessage(), e.status()));
    } catch (RuntimeException e) {
      log.error("request {} ({}) crashed", id, action, e);
      record(AuditOutcome.FAILED, "internal: " + e.getMessage(), elapsedMs());
      return AuditedStep.Step.of(new Outcome.Failed(id, Failure.INTERNAL,
          "Berth hit an internal error running " + action + " (request " + id + "); it is in the server log."));
    }
  }

  long elapsedMs() {
    return Duration.between(started, step.clock.instant()).toMillis();
  }

  void record(AuditOutcome outcome, String message, Long durationMs) {
    try {
      step.audit.append(entry(outcome, message, durationMs));
    } catch (AuditUnavailableException ex) {
      log.error("could not write audit record {} {}: {}", id, outcome, ex.getMessage());
    }
  }

  /** The one place request records are built: whatever chat decoded (ESC, CR, bidi overrides) is stored escaped. */
  private AuditEntry entry(AuditOutcome outcome, String message, Long durationMs) {
    return new AuditEntry(id, step.clock.instant(), outcome, user == null ? null : user.name(), caller.source(),
        esc(caller.platformUserId()), esc(caller.displayName()), esc(caller.where().describe()), esc(text), action,
        esc(target), esc(message), durationMs, esc(ranIn));
  }

  private static String esc(String text) {
    return ControlCharacters.escape(text);
  }
}
