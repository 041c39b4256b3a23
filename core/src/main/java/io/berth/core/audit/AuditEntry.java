package io.berth.core.audit;

import io.berth.core.model.Source;
import java.time.Instant;
import java.util.Objects;

/**
 * What the core asks the trail to append. {@code commandText} is already masked (no env values).
 * {@code berthUser} is null when the identity is unknown.
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
    Long durationMs) {
  public AuditEntry {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(source, "source");
  }
}
