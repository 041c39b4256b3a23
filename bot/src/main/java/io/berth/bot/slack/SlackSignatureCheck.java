package io.berth.bot.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Slack's request signature more strictly than Bolt's default: the timestamp must be
 * within 5 minutes of now in either direction, and the comparison is constant-time.
 */
public final class SlackSignatureCheck {
  static final Duration MAX_SKEW = Duration.ofMinutes(5);
  private final byte[] key;
  private final Clock clock;

  public SlackSignatureCheck(String signingSecret, Clock clock) {
    if (signingSecret == null || signingSecret.isEmpty()) {
      throw new IllegalArgumentException("a signing secret is required");
    }
    this.key = signingSecret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  /** Empty when the request is authentic; otherwise why not (safe to log: holds no secret). */
  public Optional<String> refusal(String timestampHeader, String signatureHeader, String rawBody) {
    if (timestampHeader == null || signatureHeader == null) return Optional.of("missing signature headers");
    long ts;
    try {
      ts = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      return Optional.of("malformed timestamp");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - ts) > MAX_SKEW.toSeconds()) return Optional.of("timestamp outside 5 minutes of now");
    byte[] expected = sign(timestampHeader.trim(), rawBody == null ? "" : rawBody).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signatureHeader.trim().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? Optional.empty() : Optional.of("signature mismatch");
  }

  /** {@code v0=} + hex HMAC-SHA256 of {@code v0:timestamp:body}. */
  public String sign(String timestamp, String rawBody) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + rawBody).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
