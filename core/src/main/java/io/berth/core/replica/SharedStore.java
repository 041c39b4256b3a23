package io.berth.core.replica;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Small, expiring state that every replica of one Berth must see alike: deliveries already executed
 * (a retried Slack request runs once), alerts already sent (a new leader does not send them again),
 * console sessions (a request may land on any replica). Port: in memory for a Berth that runs alone
 * ({@link InMemorySharedStore}), a table next to the audit when it is in PostgreSQL
 * ({@code io.berth.core.adapter.postgres.PostgresSharedStore}). Entries live in a {@code space}
 * (what they are) under a {@code key}; an expired entry counts as absent everywhere.
 */
public interface SharedStore extends AutoCloseable {

  /**
   * Stores {@code value} until {@code expires} unless an unexpired entry is there already. True for
   * exactly one caller across every replica (the insert is the decision, not a read before it).
   */
  boolean putIfAbsent(String space, String key, String value, Instant expires);

  /** The unexpired entry's value. */
  Optional<String> get(String space, String key);

  /** Moves an unexpired entry's expiry (a session in use); false when it is absent or expired. */
  boolean touch(String space, String key, Instant expires);

  /**
   * Stores {@code value} in place of an unexpired entry only while that entry still holds {@code expected}
   * (compare-and-set: of replicas replacing the same value at once, exactly one succeeds). False when the
   * entry is absent, expired or holds something else by now (then read it again).
   */
  boolean replace(String space, String key, String expected, String value, Instant expires);

  /** Every unexpired entry of a space, key to value (a space holds few entries: pending approvals). */
  Map<String, String> entries(String space);

  /** Removes the entry; true only for the one caller that removed an unexpired one (single use). */
  boolean remove(String space, String key);

  /** The shared store failed (unreachable, refused); the message names why, never a value. */
  final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Override
  default void close() {}
}
