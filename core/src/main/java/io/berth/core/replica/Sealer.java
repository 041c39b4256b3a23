package io.berth.core.replica;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and authenticates what a replica leaves in the shared store that must stay secret (a pending
 * request can carry {@code -e PASSWORD=…}): AES-256-GCM under a key every replica derives from the same
 * secret, bound to the entry's key so a value moved to another entry does not open.
 */
public final class Sealer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  /** @param key 32 bytes */
  public Sealer(byte[] key) {
    if (key.length != 32) throw new IllegalArgumentException("a sealing key is 32 bytes");
    this.key = new SecretKeySpec(key, "AES");
  }

  /** A Berth alone: a key of its own, forgotten at exit like what it seals. */
  public static Sealer ofRandomKey() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return new Sealer(k);
  }

  public String seal(String entryKey, String plaintext) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      c.updateAAD(entryKey.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + ct.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(ct, 0, out, iv.length, ct.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
    }
  }

  /** The plaintext; refuses a value sealed under another key or entry, or changed. */
  public String open(String entryKey, String sealed) {
    try {
      byte[] in = Base64.getDecoder().decode(sealed);
      if (in.length < 12 + 16) throw new IllegalArgumentException("sealed value too short");
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
      c.updateAAD(entryKey.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("sealed value does not open (another key, or changed)", e);
    }
  }
}
