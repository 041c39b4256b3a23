package io.berth.core.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signed statement "the trail had {@code seq} records and record {@code seq} had hash
 * {@code headHash} at {@code time}". Each checkpoint names the SHA-256 of the previous checkpoint's
 * signature, so checkpoints form their own chain and one cannot be dropped or slipped in unseen.
 * {@code signature} is Ed25519 over {@link #signedText()}, base64.
 */
public record Checkpoint(long seq, String headHash, Instant time, String prevSignatureHash, String signature) {
  public static final String FORMAT = "berth-checkpoint-v1";

  public Checkpoint {
    Objects.requireNonNull(headHash, "headHash");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(prevSignatureHash, "prevSignatureHash");
    Objects.requireNonNull(signature, "signature");
  }

  /** What is signed: {@code berth-checkpoint-v1;seq;head_hash;time_ms;prev_signature_hash}. */
  public static String signedText(long seq, String headHash, Instant time, String prevSignatureHash) {
    return FORMAT + ";" + seq + ";" + headHash + ";" + time.toEpochMilli() + ";" + prevSignatureHash;
  }

  public String signedText() {
    return signedText(seq, headHash, time, prevSignatureHash);
  }

  /** What the next checkpoint names as its predecessor. */
  public String signatureHash() {
    return hashOf(signature);
  }

  /** The {@code prev_signature_hash} of a checkpoint that follows {@code previous} (genesis when none). */
  static String linkAfter(Checkpoint previous) {
    return previous == null ? AuditRow.GENESIS : previous.signatureHash();
  }

  private static String hashOf(String base64Signature) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Signature);
    } catch (IllegalArgumentException e) {
      bytes = base64Signature.getBytes(StandardCharsets.UTF_8); // malformed: still hash something stable
    }
    return HexFormat.of().formatHex(AuditRow.sha256().digest(bytes));
  }
}
