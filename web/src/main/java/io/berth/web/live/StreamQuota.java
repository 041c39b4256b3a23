package io.berth.web.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many live streams (or terminals) each login holds. Every open stream keeps a request, a thread's worth of
 * buffers and often an engine subscription; one login opening tabs (or a script opening
 * streams) must not exhaust what everyone shares. A slot is taken before the stream starts and
 * given back exactly once when it ends.
 */
public final class StreamQuota {
  private final int maxPerUser;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  public StreamQuota(int maxPerUser) {
    this.maxPerUser = maxPerUser;
  }

  /** A slot for {@code user}, or empty when they already hold the maximum. */
  public Optional<Lease> acquire(String user) {
    boolean[] granted = new boolean[1];
    open.compute(user, (u, n) -> {
      int held = n == null ? 0 : n;
      granted[0] = held < maxPerUser;
      return granted[0] ? held + 1 : held;
    });
    return granted[0] ? Optional.of(new Lease(user)) : Optional.empty();
  }

  public boolean full(String user) {
    return open.getOrDefault(user, 0) >= maxPerUser;
  }

  public int max() {
    return maxPerUser;
  }

  /** One taken slot; {@link #release()} is idempotent. */
  public final class Lease {
    private final String user;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(String user) {
      this.user = user;
    }

    public void release() {
      if (released.compareAndSet(false, true)) open.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
    }
  }
}
