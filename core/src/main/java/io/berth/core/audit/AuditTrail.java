package io.berth.core.audit;

import java.time.Instant;
import java.util.List;

/**
 * An audit store: the append-only {@link AuditLog} and its {@link AuditReader}, plus the one
 * removal it allows (rows already sealed into an archive segment). Implementations keep only
 * storage; the chain, verification, checkpoints and exports are the core's.
 */
public interface AuditTrail extends AuditLog, AuditReader {

  /**
   * Removes the rows {@code range.firstSeq()..range.throughSeq()} and records {@code range}, in one
   * transaction. Only for rows already written to a sealed segment ({@link AuditArchiver}); the
   * store refuses any other delete.
   */
  void pruneArchived(ArchivedRange range);

  /** Walks the hash chain of the live store (no keys, no archives): edited, inserted or deleted rows. */
  default VerifyReport verify() {
    return new AuditVerifier(this).verify();
  }

  /**
   * At start-up: appends an INTERRUPTED record for each REQUESTED one that never ended (the
   * process died mid-command). Returns how many.
   */
  default int closeInterrupted() {
    List<AuditRecord> open = unfinished();
    Instant now = Instant.now();
    for (AuditRecord r : open) {
      AuditEntry req = r.entry();
      append(new AuditEntry(req.requestId(), now, AuditOutcome.INTERRUPTED, req.berthUser(), req.source(),
          req.platformUserId(), req.displayName(), req.location(), req.commandText(), req.action(), req.target(),
          "Berth stopped before this request finished", Math.max(0, now.toEpochMilli() - req.time().toEpochMilli()),
          req.context()));
    }
    return open.size();
  }
}
