package io.berth.core.audit;

/** The trail cannot durably record: callers must fail closed for anything that mutates. */
public final class AuditUnavailableException extends RuntimeException {
  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
