package io.berth.core.policy;

/** The policy's answer for one request. */
public sealed interface Decision permits Decision.Allow, Decision.Deny, Decision.Confirm, Decision.NeedsApproval {
  Decision ALLOW = new Allow();

  record Allow() implements Decision {}

  /** Refused; the reason is shown to the user and written to the audit trail. */
  record Deny(String reason) implements Decision {}

  /** Allowed only after a second, explicit step; {@code prompt} says what will happen. */
  record Confirm(String prompt) implements Decision {}

  /**
   * Allowed only once {@code count} other people with one of the {@code approvers} roles approved
   * it within {@code ttl} (the two-person rule, {@code policy.approvals.rules.<rule>}); {@code why}
   * says so to the requester.
   */
  record NeedsApproval(String rule, java.util.List<String> approvers, int count, java.time.Duration ttl, String why)
      implements Decision {
    public NeedsApproval {
      approvers = java.util.List.copyOf(approvers);
    }
  }
}
