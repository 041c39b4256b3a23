package io.berth.bot.slack;

import io.berth.core.replica.InMemorySharedStore;
import io.berth.core.replica.SharedStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers deliveries seen recently so a retried or replayed one is acknowledged but not run
 * again, on whichever replica it lands: the first to store its key in the shared store runs it. The
 * window outlives the 5-minute signature window, after which a replay is refused anyway.
 */
public final class DeliveryDeduplicator {
  private static final Logger log = LoggerFactory.getLogger(DeliveryDeduplicator.class);
  private static final String SPACE = "slack-delivery";

  private final SharedStore seen;
  private final Duration ttl;
  private final Clock clock;

  /** A Berth alone: the deliveries it saw, in memory, at most {@code capacity}. */
  public DeliveryDeduplicator(int capacity, Duration ttl, Clock clock) {
    this(new InMemorySharedStore(capacity, clock), ttl, clock);
  }

  /** Replicas: the deliveries any of them saw, in the store they share. */
  public DeliveryDeduplicator(SharedStore seen, Duration ttl, Clock clock) {
    this.seen = seen;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * True the first time {@code key} is offered within the window, on any replica; false for a repeat.
   * When the shared store cannot answer, the delivery goes on: a change could not run anyway (the audit,
   * in the same database, refuses to record it), and a read run twice is harmless, while a dropped
   * command would be lost without a word.
   */
  public boolean firstTime(String key) {
    try {
      return seen.putIfAbsent(SPACE, key, "", clock.instant().plus(ttl));
    } catch (SharedStore.StoreException e) {
      log.warn("delivery dedupe unavailable, handling the delivery: {}", e.getMessage());
      return true;
    }
  }

  /** A stable key for a delivery: SHA-256 of its body (retries carry the same body). */
  public static String keyOf(String body) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
