package io.berth.core.service;

import io.berth.core.audit.AuditOutcome;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.LocalFiles;
import io.berth.core.model.Caller;
import io.berth.core.policy.ConfirmationBook;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import java.util.Optional;

/** The second step of a destructive request: confirm (runs it, re-checked), cancel (withdraws it, audited). */
final class Confirmations {
  private final AuditedStep step;

  Confirmations(AuditedStep step) {
    this.step = step;
  }

  /** Re-checks and runs what the token stands for, once. */
  Outcome confirm(Caller caller, String token, ProgressListener progress, LocalFiles local) {
    Attempt a = step.attempt(caller, "confirm", "confirm", "");
    if (!a.identify()) return a.unknownIdentity();
    ConfirmationBook.Pending pending;
    // policy.confirm.forOthers by the confirmer's role where the request acts
    String where = step.confirmations.peek(token).map(ConfirmationBook.Pending::context).orElse(null);
    boolean forOthers = step.policy.canConfirmForOthers(step.policy.inContext(a.user, where));
    try {
      pending = step.confirmations.check(token, a.user, forOthers);
    } catch (ConfirmationBook.Refusal r) {
      return a.refused(r.getMessage());
    }
    DockerRequest request = pending.request();
    a = a.continuing(pending.requestId()); // the confirmed run is a step of the command that asked: one request id
    a.describe(pending.commandText(), request);
    a.context = pending.context();
    a.ranIn = pending.context();
    // The whole decision again, for the person confirming, where they are now: identity, role,
    // scope (the targets are resolved again within their scope) and channel. A refusal leaves the
    // token for the requester to use from a place they may act from; only a press that passes
    // every check uses it up.
    Attempt run = a;
    return step.authorizeAndRun(run, request, AuditedStep.Confirmation.GIVEN, "confirmed by " + run.user.name(), null,
        () -> step.confirmations.redeem(token, run.user, forOthers), step.execute(caller, progress, local)).outcome();
  }

  /** Withdraws a pending confirmation (the requester pressed Cancel): audited, linked to the request. */
  Outcome cancel(Caller caller, String token) {
    Attempt a = step.attempt(caller, "cancel", "cancel", "");
    if (!a.identify()) return a.unknownIdentity();
    ConfirmationBook.Pending p;
    try {
      p = step.confirmations.redeem(token, a.user, step.policy.canConfirmForOthers(a.user));
    } catch (ConfirmationBook.Refusal r) {
      return a.refused(r.getMessage());
    }
    // recorded under the request's own id (a step of that command); action stays "cancel": a
    // requested record with the command's own action would read as it running
    a = a.continuing(p.requestId());
    a.text = p.commandText();
    a.target = p.request().target();
    a.ranIn = p.context();
    a.record(AuditOutcome.REQUESTED, "cancel of request " + p.requestId(), null);
    a.record(AuditOutcome.FAILED, "cancelled by " + a.user.name(), a.elapsedMs());
    return new Outcome.Cancelled(a.id, p.requestId(), p.commandText());
  }

  /** The pending request behind a token, for rendering a confirmation dialog. */
  Optional<ConfirmationBook.Pending> pending(String token) {
    return step.confirmations.peek(token);
  }
}
