package io.berth.core.audit;

/** The state a record captures. Each attempt has a REQUESTED record and one closing record. */
public enum AuditOutcome {
  REQUESTED, SUCCEEDED, FAILED, DENIED, CONFIRMATION_REQUIRED, INTERRUPTED;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static AuditOutcome fromId(String id) {
    return valueOf(id.toUpperCase(java.util.Locale.ROOT));
  }
}
