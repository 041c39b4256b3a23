package io.berth.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * One liveness probe shared by every stream of an endpoint. With 100 log follows open, each
 * pinging on its own every few seconds, the pings queue on the probe's small pool and time out
 * under load, which then looks like a lost engine. Here one ping runs at a time, and its answer
 * (yes or no) is reused by every caller for {@code fresh}; callers that waited for a ping in
 * progress take its answer instead of sending another.
 */
public final class SharedProbe implements BooleanSupplier {
  private final BooleanSupplier ping;
  private final Duration fresh;
  private final Clock clock;
  private Instant answeredAt;
  private boolean answer;

  public SharedProbe(BooleanSupplier ping, Duration fresh, Clock clock) {
    this.ping = ping;
    this.fresh = fresh;
    this.clock = clock;
  }

  @Override
  public synchronized boolean getAsBoolean() {
    if (answeredAt != null && Duration.between(answeredAt, clock.instant()).compareTo(fresh) < 0) return answer;
    answer = ping.getAsBoolean();
    answeredAt = clock.instant();
    return answer;
  }
}
