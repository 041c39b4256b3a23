package io.berth.core.audit;

import io.berth.core.model.Source;
import java.time.Instant;
import java.util.Objects;

/**
 * What the core asks the trail to append. {@code commandText} is already masked (no env values).
 * {@code berthUser} is null when the identity is unknown. {@code context} is the endpoint (docker
 * context) the command ran in; null for a record that runs on no engine (a login, config, an audit
 * export) and for records written before the context had a column of its own.
 */
public record AuditEntry(
    String requestId,
    Instant time,
    AuditOutcome outcome,
    String berthUser,
    Source source,
    String platformUserId,
    String displayName,
    String location,
    String commandText,
    String action,
    String target,
    String message,
    Long durationMs,
    String context) {
  public AuditEntry {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(source, "source");
    if (context != null && context.isEmpty()) context = null; // one spelling of "no engine"
  }

  /** A record that ran on no engine (or no context known). */
  public AuditEntry(String requestId, Instant time, AuditOutcome outcome, String berthUser, Source source,
      String platformUserId, String displayName, String location, String commandText, String action, String target,
      String message, Long durationMs) {
    this(requestId, time, outcome, berthUser, source, platformUserId, displayName, location, commandText, action,
        target, message, durationMs, null);
  }

  /** The same entry at {@code t} (the writer keeps times in order). */
  public AuditEntry at(Instant t) {
    return new AuditEntry(requestId, t, outcome, berthUser, source, platformUserId, displayName, location,
        commandText, action, target, message, durationMs, context);
  }
}
