package io.berth.core.audit;

import io.berth.core.model.Source;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * One audit record exactly as stored (raw column values), and the chain hash over it. Every store
 * keeps these values as given; verification hashes them raw, so a tampered row that no longer maps
 * to a valid entry is still checked.
 */
public record AuditRow(
    long seq,
    String requestId,
    long timeMs,
    String outcome,
    String berthUser,
    String source,
    String platformUserId,
    String displayName,
    String location,
    String commandText,
    String action,
    String target,
    String message,
    Long durationMs,
    String context,
    String prevHash,
    String hash) {

  /** The first record's {@code prev_hash}. */
  public static final String GENESIS = "0".repeat(64);

  /** Builds the row for a new entry at {@code seq}, linked to {@code prevHash}. */
  public static AuditRow link(long seq, AuditEntry e, String prevHash) {
    AuditRow unhashed = new AuditRow(seq, e.requestId(), e.time().toEpochMilli(), e.outcome().id(),
        e.berthUser(), e.source().id(), e.platformUserId(), e.displayName(), e.location(), e.commandText(),
        e.action(), e.target(), e.message(), e.durationMs(), e.context(), prevHash, null);
    return unhashed.withHash(unhashed.computeHash());
  }

  /** A stored record's row (its values as the store keeps them). */
  public static AuditRow of(AuditRecord r) {
    AuditEntry e = r.entry();
    return new AuditRow(r.seq(), e.requestId(), e.time().toEpochMilli(), e.outcome().id(), e.berthUser(),
        e.source().id(), e.platformUserId(), e.displayName(), e.location(), e.commandText(), e.action(), e.target(),
        e.message(), e.durationMs(), e.context(), r.prevHash(), r.hash());
  }

  public AuditRow withHash(String h) {
    return new AuditRow(seq, requestId, timeMs, outcome, berthUser, source, platformUserId, displayName,
        location, commandText, action, target, message, durationMs, context, prevHash, h);
  }

  public Instant time() {
    return Instant.ofEpochMilli(timeMs);
  }

  /** The typed record; a row whose values no longer map to one (tampered) is reported, not guessed. */
  public AuditRecord toRecord() {
    try {
      AuditEntry entry = new AuditEntry(requestId, time(), AuditOutcome.fromId(outcome), berthUser,
          Source.of(source), platformUserId, displayName, location, commandText,
          action, target, message, durationMs, context);
      return new AuditRecord(seq, entry, prevHash, hash);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new AuditUnavailableException("the audit trail has a malformed record at seq " + seq
          + " (run `berth audit verify`): " + e.getMessage(), e);
    }
  }

  /** The hash format of a record without a context: v1, unchanged since the first release. */
  public static final String V1 = "berth-audit-v1;";
  /** The hash format of a record with a context: v1's fields, then the context, then the link. */
  public static final String V2 = "berth-audit-v2;";

  /**
   * SHA-256 (lower-case hex) over a canonical encoding: a version tag, then every field in a fixed
   * order, each written as {@code <utf8 byte length>:<bytes>;} or {@code -;} for null. Lengths make
   * the encoding unambiguous: no choice of field values can make two different rows encode alike.
   *
   * <p>The format follows from the row itself, so every stored record keeps verifying: a row
   * without a context (every record written before the context column existed, and records that
   * run on no engine) hashes as v1, exactly as it always did; a row with one hashes as v2, whose
   * tag and extra field differ. Clearing or setting a context therefore changes the format and
   * the hash: neither can be done unseen.
   */
  public String computeHash() {
    return HashEncoding.current().hash(this);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this JVM", e);
    }
  }
}
