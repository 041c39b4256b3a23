package io.berth.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/** Signs checkpoints with Berth's Ed25519 key; {@link #verifies} checks one with the public key. */
public final class CheckpointSigner {
  private final PrivateKey key;

  public CheckpointSigner(PrivateKey key) {
    if (!"Ed25519".equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
      throw new IllegalArgumentException("the audit signing key must be Ed25519, not " + key.getAlgorithm());
    }
    this.key = key;
  }

  /**
   * Loads, ahead of the first key read or signature (for a caller with a spare core), the security providers they
   * use: the JDK finds Ed25519 only after loading and registering its first three providers (~20 ms the first time).
   */
  public static void warmUp() {
    try {
      java.security.KeyFactory.getInstance("Ed25519");
      Signature.getInstance("Ed25519");
    } catch (GeneralSecurityException e) {
      // the real use reports it
    }
  }

  /** A checkpoint of {@code head} at {@code time}, chained after {@code previous} (null for the first). */
  public Checkpoint sign(ChainHead head, Instant at, Checkpoint previous) {
    if (previous != null && head.seq() < previous.seq()) {
      // never vouch for a trail shorter than one already vouched for: that is the truncation verify must name
      throw new IllegalStateException("refusing to sign a checkpoint at seq " + head.seq() + ": the last checkpoint"
          + " covers seq " + previous.seq() + ", so records were deleted (run `berth audit verify`)");
    }
    Instant time = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // what is signed and stored
    String prev = Checkpoint.linkAfter(previous);
    String text = Checkpoint.signedText(head.seq(), head.hash(), time, prev);
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(text.getBytes(StandardCharsets.US_ASCII));
      return new Checkpoint(head.seq(), head.hash(), time, prev, Base64.getEncoder().encodeToString(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign an audit checkpoint: " + e.getMessage(), e);
    }
  }

  /** True when {@code c}'s signature is valid for its contents under {@code publicKey}. */
  public static boolean verifies(Checkpoint c, PublicKey publicKey) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(publicKey);
      s.update(c.signedText().getBytes(StandardCharsets.US_ASCII));
      return s.verify(Base64.getDecoder().decode(c.signature()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** True when this signer's key belongs to {@code publicKey} (a probe signature verifies). */
  public boolean matches(PublicKey publicKey) {
    return verifies(sign(ChainHead.EMPTY, Instant.EPOCH, null), publicKey);
  }

  /**
   * A 32-byte key for {@code purpose}, derived from the signing key (HMAC-SHA256 keyed with its encoding):
   * replicas share the signing key, so they derive the same key without another secret to distribute, and
   * the derived key reveals nothing about the signing key.
   */
  public byte[] derivedKey(String purpose) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      return mac.doFinal(("berth/" + purpose).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable: " + e.getMessage(), e);
    }
  }
}
