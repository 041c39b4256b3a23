package io.berth.bot.slack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers deliveries seen recently so a retried or replayed one is acknowledged but not run
 * again. Bounded (oldest forgotten first) and expiring; the window outlives the 5-minute
 * signature window, after which a replay is refused anyway.
 */
public final class DeliveryDeduplicator {
  private final Map<String, Instant> seen = new LinkedHashMap<>();
  private final int capacity;
  private final Duration ttl;
  private final Clock clock;

  public DeliveryDeduplicator(int capacity, Duration ttl, Clock clock) {
    this.capacity = capacity;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** True the first time {@code key} is offered within the window; false for a repeat. */
  public synchronized boolean firstTime(String key) {
    Instant now = clock.instant();
    for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
      if (it.next().plus(ttl).isBefore(now)) it.remove();
      else break; // insertion order = time order
    }
    if (seen.containsKey(key)) return false;
    seen.put(key, now);
    while (seen.size() > capacity) {
      Iterator<String> it = seen.keySet().iterator();
      it.next();
      it.remove();
    }
    return true;
  }

  synchronized int size() {
    return seen.size();
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
