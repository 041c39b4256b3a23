package io.berth.core.result;

/** The few kinds of failure a user needs to tell apart. */
public enum Failure {
  /** The command text could not be parsed; the message names the bad part and the fix. */
  USAGE,
  NOT_FOUND,
  CONFLICT,
  /** Already in the requested state; docker treats this as success, so it rarely surfaces. */
  NOT_MODIFIED,
  INVALID,
  ENGINE_UNREACHABLE,
  TIMEOUT,
  /** The audit trail cannot be written: mutating commands fail closed. */
  AUDIT_UNAVAILABLE,
  /** A confirmation token was expired, reused or belongs to someone else. */
  CONFIRMATION,
  INTERNAL,
  /** The container's command exists but cannot be run (not executable, a directory): docker exits 126. */
  CANNOT_INVOKE,
  /** The container's command was not found: docker exits 127. */
  COMMAND_NOT_FOUND
}
