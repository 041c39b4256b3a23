package io.berth.core.result;

import java.time.Instant;

/**
 * How a request ended. Every request gets exactly one, whatever went wrong; surfaces render it and
 * never see an exception for an expected failure.
 */
public sealed interface Outcome
    permits Outcome.Succeeded, Outcome.Denied, Outcome.Failed, Outcome.ConfirmationRequired, Outcome.Cancelled,
    Outcome.ApprovalRequired, Outcome.Rejected {

  /** The audit trail's id for this attempt. */
  String requestId();

  /** The command did what was asked. */
  record Succeeded(String requestId, Result result) implements Outcome {}

  /** The policy refused; {@code reason} says why and, where it can, what would allow it. */
  record Denied(String requestId, String reason) implements Outcome {}

  /**
   * It was tried (or parsed) and failed; the message is for a human, never a stack trace. {@code status},
   * when not null, is docker's StatusError: the exit status docker's CLI gives (a failed build step's code),
   * and the CLI prints the message alone, as docker does.
   */
  record Failed(String requestId, Failure kind, String message, Integer status) implements Outcome {
    public Failed(String requestId, Failure kind, String message) {
      this(requestId, kind, message, null);
    }
  }

  /**
   * Destructive: nothing ran yet. The surface shows {@code prompt} with confirm/cancel controls
   * carrying {@code token}, then calls {@code CommandService.confirm}.
   */
  record ConfirmationRequired(String requestId, String token, String prompt, Instant expiresAt)
      implements Outcome {}

  /**
   * The requester (or someone allowed to confirm for them) withdrew a pending confirmation:
   * nothing ran, and the token is used up. {@code commandText} is what was withdrawn (secrets
   * masked), {@code cancelledRequestId} the request that asked for the confirmation.
   */
  record Cancelled(String requestId, String cancelledRequestId, String commandText) implements Outcome {}

  /**
   * Held by the two-person rule: nothing ran yet. The request waits under {@code requestId} until
   * {@code needed} people other than the requester, with one of the {@code approvers} roles,
   * approve it ({@code CommandService.approve}) before {@code expiresAt}; {@code approvals} have so far.
   */
  record ApprovalRequired(String requestId, String commandText, String prompt, java.util.List<String> approvers,
      int approvals, int needed, Instant expiresAt) implements Outcome {
    public ApprovalRequired {
      approvers = java.util.List.copyOf(approvers);
    }
  }

  /** A request waiting for approval was rejected (or withdrawn by its requester): it never runs. */
  record Rejected(String requestId, String commandText, String rejectedBy) implements Outcome {}
}
