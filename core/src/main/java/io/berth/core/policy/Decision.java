package io.berth.core.policy;

/** The policy's answer for one request. */
public sealed interface Decision permits Decision.Allow, Decision.Deny, Decision.Confirm {
  Decision ALLOW = new Allow();

  record Allow() implements Decision {}

  /** Refused; the reason is shown to the user and written to the audit trail. */
  record Deny(String reason) implements Decision {}

  /** Allowed only after a second, explicit step; {@code prompt} says what will happen. */
  record Confirm(String prompt) implements Decision {}
}
