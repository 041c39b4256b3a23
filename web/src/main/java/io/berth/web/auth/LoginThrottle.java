package io.berth.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per login name and remote address; after {@code maxFailures} within the
 * window, further attempts are refused without checking the password (so guessing is slow and
 * bcrypt work is not spent on it).
 */
public final class LoginThrottle {
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int maxFailures;
  private final Duration window;

  public LoginThrottle(Clock clock, int maxFailures, Duration window) {
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** True when this login from this address may try now. */
  public boolean allows(String login, String address) {
    Deque<Instant> d = failures.get(key(login, address));
    if (d == null) return true;
    synchronized (d) {
      prune(d);
      return d.size() < maxFailures;
    }
  }

  public void failed(String login, String address) {
    Deque<Instant> d = failures.computeIfAbsent(key(login, address), k -> new ArrayDeque<>());
    synchronized (d) {
      prune(d);
      d.addLast(clock.instant());
    }
  }

  public void succeeded(String login, String address) {
    failures.remove(key(login, address));
  }

  public Duration window() {
    return window;
  }

  private void prune(Deque<Instant> d) {
    Instant cutoff = clock.instant().minus(window);
    while (!d.isEmpty() && d.peekFirst().isBefore(cutoff)) d.removeFirst();
  }

  private static String key(String login, String address) {
    return login.toLowerCase(java.util.Locale.ROOT) + "\u0000" + address;
  }
}
