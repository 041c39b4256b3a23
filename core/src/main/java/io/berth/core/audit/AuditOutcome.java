package io.berth.core.audit;

/**
 * The state a record captures. Each attempt has a REQUESTED record and one closing record. A
 * request held by the two-person rule adds, under its own request id, APPROVAL_REQUESTED, then
 * APPROVED (one per approver), REJECTED or EXPIRED, and when approved the REQUESTED and closing
 * records of its run.
 */
public enum AuditOutcome {
  REQUESTED, SUCCEEDED, FAILED, DENIED, CONFIRMATION_REQUIRED, INTERRUPTED, APPROVAL_REQUESTED, APPROVED, REJECTED, EXPIRED;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static AuditOutcome fromId(String id) {
    return valueOf(id.toUpperCase(java.util.Locale.ROOT));
  }
}
