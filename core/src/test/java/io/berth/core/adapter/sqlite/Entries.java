package io.berth.core.adapter.sqlite;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.model.Source;
import java.time.Instant;

/** Builds audit entries for tests. */
final class Entries {
  private Entries() {}

  static AuditEntry of(String requestId, AuditOutcome outcome, String user, Source source, String commandText,
      String action, String target, String message, Instant time) {
    return new AuditEntry(requestId, time, outcome, user, source, "U-" + user, user + " display", "T1/C1",
        commandText, action, target, message, outcome == AuditOutcome.REQUESTED ? null : 12L);
  }

  static AuditEntry requested(String requestId, String user, String action, String target) {
    return of(requestId, AuditOutcome.REQUESTED, user, Source.SLACK, action + " " + target, action, target, null,
        Instant.now());
  }

  static AuditEntry succeeded(String requestId, String user, String action, String target) {
    return of(requestId, AuditOutcome.SUCCEEDED, user, Source.SLACK, action + " " + target, action, target, null,
        Instant.now());
  }
}
