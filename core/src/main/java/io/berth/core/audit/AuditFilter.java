package io.berth.core.audit;

import io.berth.core.model.Source;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Query filters; null means "any". {@code text} matches command text, target or message.
 * {@code context} keeps the records of commands run in that context (endpoint); records from before
 * the context had a column of its own name it only in their target ({@code prod/web-1}), which the
 * target filter finds as written. {@code beforeSeq} is the keyset cursor: only records older than
 * it. {@code requestIds} keeps only the records of those requests (how {@link CommandFolding}
 * gathers the records of one command).
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
    Long beforeSeq,
    Set<String> requestIds,
    String context) {
  public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null, null);

  public AuditFilter {
    requestIds = requestIds == null ? null : Set.copyOf(requestIds);
    if (context != null && context.isEmpty()) context = null;
  }

  /** The filters a person sets (every request), in any context. */
  public AuditFilter(String user, Source source, String action, String target, AuditOutcome outcome, Instant from,
      Instant to, String text, Long beforeSeq) {
    this(user, source, action, target, outcome, from, to, text, beforeSeq, null, null);
  }

  public AuditFilter before(Long seq) {
    return new AuditFilter(user, source, action, target, outcome, from, to, text, seq, requestIds, context);
  }

  /** The same filters, only the records of {@code ids}. */
  public AuditFilter onlyRequests(Collection<String> ids) {
    return new AuditFilter(user, source, action, target, outcome, from, to, text, beforeSeq, Set.copyOf(ids), context);
  }

  /** The same filters, only commands run in {@code name} (null: any context). */
  public AuditFilter inContext(String name) {
    return new AuditFilter(user, source, action, target, outcome, from, to, text, beforeSeq, requestIds, name);
  }
}
