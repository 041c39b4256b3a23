package io.berth.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polling for real-engine tests. Bounds are generous on purpose: the engine is shared and the
 * machine may be loaded by other builds, so a condition that is only slow must not fail a test;
 * a broken one still fails, just later.
 */
public final class Wait {
  /** The bound for anything the engine does "soon" (an event, a log line, a container going away). */
  public static final Duration SOON = Duration.ofSeconds(60);

  private Wait() {}

  public static void until(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within " + timeout);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
    }
  }

  public static void until(BooleanSupplier condition) {
    until(condition, SOON);
  }
}
