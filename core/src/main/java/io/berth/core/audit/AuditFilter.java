package io.berth.core.audit;

import io.berth.core.model.Source;
import java.time.Instant;

/**
 * Query filters; null means "any". {@code text} matches command text, target or message.
 * {@code beforeSeq} is the keyset cursor: only records older than it.
 */
public record AuditFilter(
    String user,
    Source source,
    String action,
    String target,
    AuditOutcome outcome,
    Instant from,
    Instant to,
    String text,
    Long beforeSeq) {
  public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null, null);

  public AuditFilter before(Long seq) {
    return new AuditFilter(user, source, action, target, outcome, from, to, text, seq);
  }
}
