package io.berth.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One command as people read the trail: every record of one request id (its phases — confirmation,
 * approvals, the run and how it ended — oldest first), shown as one entry with the outcome, message
 * and duration of the record that decided it. The records themselves stay in the chain as they are.
 */
public record AuditedCommand(String requestId, List<AuditRecord> steps) {

  /** Outcomes that end a command; a refusal (DENIED) after the first record is a refused press, not an end. */
  private static final Set<AuditOutcome> ENDS = EnumSet.of(AuditOutcome.SUCCEEDED, AuditOutcome.FAILED,
      AuditOutcome.INTERRUPTED, AuditOutcome.REJECTED, AuditOutcome.EXPIRED);

  public AuditedCommand {
    Objects.requireNonNull(requestId, "requestId");
    steps = List.copyOf(steps);
    if (steps.isEmpty()) throw new IllegalArgumentException("a command has at least one record");
  }

  /** The record that asked: who, where, what (for a confirmed or approved command, the requester's). */
  public AuditRecord first() {
    return steps.get(0);
  }

  public AuditEntry request() {
    return first().entry();
  }

  /**
   * The record that says where the command stands: its last end (succeeded, failed, interrupted,
   * rejected, expired); else its run in progress (requested); else a refusal of the request itself;
   * else the step it waits on (confirmation, approval).
   */
  public AuditRecord decisive() {
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (ENDS.contains(steps.get(i).entry().outcome())) return steps.get(i);
    }
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (steps.get(i).entry().outcome() == AuditOutcome.REQUESTED) return steps.get(i);
    }
    if (first().entry().outcome() == AuditOutcome.DENIED) return first();
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (steps.get(i).entry().outcome() != AuditOutcome.DENIED) return steps.get(i);
    }
    return steps.get(steps.size() - 1);
  }

  public AuditOutcome outcome() {
    return decisive().entry().outcome();
  }

  public String message() {
    return decisive().entry().message();
  }

  /** How long the command ran (its closing record's duration); null while it has not ended. */
  public Long durationMs() {
    return decisive().entry().durationMs();
  }

  /**
   * The context (endpoint) it ran in: the first of its records that names one (a refusal before
   * the context was known names none); null for a command that runs on no engine, and for
   * records from before the context had a column (those name it in their target, {@code prod/web-1}).
   */
  public String context() {
    for (AuditRecord r : steps) {
      if (r.entry().context() != null) return r.entry().context();
    }
    return null;
  }

  /** When it was asked for. */
  public Instant time() {
    return request().time();
  }

  /** The newest record's time. */
  public Instant ended() {
    return steps.get(steps.size() - 1).entry().time();
  }

  public long firstSeq() {
    return first().seq();
  }

  public long lastSeq() {
    return steps.get(steps.size() - 1).seq();
  }

  /**
   * The steps between asking and the end worth naming in one line: confirmations, approvals,
   * refused presses, a run started by someone else (a confirmer). Empty for a plain run.
   */
  public List<String> stepSummary() {
    List<String> out = new ArrayList<>();
    AuditRecord decisive = decisive();
    String requester = who(request());
    for (AuditRecord r : steps) {
      if (r == decisive) continue;
      AuditEntry e = r.entry();
      if (e.outcome() == AuditOutcome.REQUESTED && who(e).equals(requester)) continue; // the plain run
      String by = who(e);
      out.add(e.outcome().id() + (by.equals(requester) ? "" : " by " + by));
    }
    return out;
  }

  private static String who(AuditEntry e) {
    return String.valueOf(e.berthUser() != null ? e.berthUser() : e.platformUserId());
  }
}
