package io.berth.core.adapter.sqlite;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRecord;
import io.berth.core.model.Source;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One audit row exactly as stored (raw column values), and the chain hash over it. Verification
 * hashes these raw values, so a tampered row that no longer maps to a valid entry is still checked.
 */
record AuditRow(
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
    String prevHash,
    String hash) {

  static final String GENESIS = "0".repeat(64);
  static final String COLUMNS = "seq, request_id, time_ms, outcome, berth_user, source, platform_user_id, "
      + "display_name, location, command_text, action, target, message, duration_ms, prev_hash, hash";

  /** Builds the row for a new entry at {@code seq}, linked to {@code prevHash}. */
  static AuditRow link(long seq, AuditEntry e, String prevHash) {
    AuditRow unhashed = new AuditRow(seq, e.requestId(), e.time().toEpochMilli(), e.outcome().id(),
        e.berthUser(), e.source().id(), e.platformUserId(), e.displayName(), e.location(), e.commandText(),
        e.action(), e.target(), e.message(), e.durationMs(), prevHash, null);
    return unhashed.withHash(unhashed.computeHash());
  }

  /** Reads a row selected with {@link #COLUMNS}, in that order. */
  static AuditRow read(ResultSet rs) throws SQLException {
    long duration = rs.getLong(14);
    Long durationMs = rs.wasNull() ? null : duration;
    return new AuditRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
        rs.getString(11), rs.getString(12), rs.getString(13), durationMs, rs.getString(15), rs.getString(16));
  }

  AuditRow withHash(String h) {
    return new AuditRow(seq, requestId, timeMs, outcome, berthUser, source, platformUserId, displayName,
        location, commandText, action, target, message, durationMs, prevHash, h);
  }

  Instant time() {
    return Instant.ofEpochMilli(timeMs);
  }

  AuditRecord toRecord() {
    AuditEntry entry = new AuditEntry(requestId, time(), AuditOutcome.fromId(outcome), berthUser,
        Source.valueOf(source.toUpperCase(Locale.ROOT)), platformUserId, displayName, location, commandText,
        action, target, message, durationMs);
    return new AuditRecord(seq, entry, prevHash, hash);
  }

  /**
   * SHA-256 (lower-case hex) over a canonical encoding: a version tag, then every field in a fixed
   * order, each written as {@code <utf8 byte length>:<bytes>;} or {@code -;} for null. Lengths make
   * the encoding unambiguous: no choice of field values can make two different rows encode alike.
   */
  String computeHash() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this JVM", e);
    }
    sha.update("berth-audit-v1;".getBytes(StandardCharsets.US_ASCII));
    for (String field : new String[] {Long.toString(seq), requestId, Long.toString(timeMs), outcome, berthUser,
        source, platformUserId, displayName, location, commandText, action, target, message,
        durationMs == null ? null : durationMs.toString(), prevHash}) {
      if (field == null) {
        sha.update("-;".getBytes(StandardCharsets.US_ASCII));
      } else {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
        sha.update((byte) ';');
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
