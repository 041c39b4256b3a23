package io.berth.core.engine;

import java.time.Duration;

/**
 * Bounded exponential backoff for reopening an engine stream: doubles from {@code initial} up to
 * {@code max} and stays there (a stream never gives up while Berth runs); {@link #reset()} after
 * a stream started. Not thread-safe: one per stream thread.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private Duration next;

  public Backoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max");
    }
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  /** The delay before the next attempt; each call doubles the one after, up to the cap. */
  public Duration next() {
    Duration now = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return now;
  }

  public void reset() {
    next = initial;
  }
}
