package io.berth.web.auth;

import io.berth.core.config.WebSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing without locking anyone out for good. Failures are counted per
 * login name and, separately, per remote address (whatever logins it tried). Below its
 * threshold a key may try freely; from there each failure doubles the wait before the next
 * attempt, up to a cap. A waiting login does not hold back other logins from the same address
 * (an office behind one NAT), unless that address itself crossed its own, higher, threshold.
 * While a wait runs, attempts are refused without checking the password, so no bcrypt work is
 * spent on them and they do not extend the wait.
 */
public final class LoginThrottle {
  /** Bound on remembered keys: a flood of made-up login names must not grow memory without end. */
  static final int MAX_KEYS = 10_000;

  private record Failures(int count, Instant last) {}

  private final Map<String, Failures> logins = new ConcurrentHashMap<>();
  private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
  private final Clock clock;
  private final WebSettings.LoginThrottle limits;

  public LoginThrottle(Clock clock, WebSettings.LoginThrottle limits) {
    this.clock = clock;
    this.limits = limits;
  }

  /** How long this login from this address must still wait; empty when it may try now. */
  public Optional<Duration> waitFor(String login, String address) {
    Instant now = clock.instant();
    Duration wait = max(remaining(logins, loginKey(login), limits.maxFailures(), now),
        remaining(addresses, address, limits.maxFailuresPerAddress(), now));
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  public void failed(String login, String address) {
    Instant now = clock.instant();
    count(logins, loginKey(login), now);
    count(addresses, address, now);
  }

  /** The login proved its password: its own count starts over (the address's does not). */
  public void succeeded(String login, String address) {
    logins.remove(loginKey(login));
  }

  private Duration remaining(Map<String, Failures> map, String key, int threshold, Instant now) {
    Failures f = map.get(key);
    if (f == null || f.count() < threshold) return Duration.ZERO;
    Duration left = Duration.between(now, f.last().plus(delay(f.count() - threshold)));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** backoff, 2×backoff, 4×backoff … for the 1st, 2nd, 3rd … failure at or past the threshold; capped. */
  Duration delay(int pastThreshold) {
    Duration cap = limits.maxBackoff();
    Duration d = limits.backoff();
    for (int i = 0; i < pastThreshold && d.compareTo(cap) < 0; i++) d = d.multipliedBy(2);
    return d.compareTo(cap) > 0 ? cap : d;
  }

  private void count(Map<String, Failures> map, String key, Instant now) {
    map.compute(key, (k, f) -> f == null || forgotten(f, now) ? new Failures(1, now) : new Failures(f.count() + 1, now));
    if (map.size() > MAX_KEYS) evict(map, now);
  }

  private boolean forgotten(Failures f, Instant now) {
    return !f.last().plus(limits.window()).isAfter(now);
  }

  private void evict(Map<String, Failures> map, Instant now) {
    map.values().removeIf(f -> forgotten(f, now));
    while (map.size() > MAX_KEYS) {
      map.entrySet().stream().min(Comparator.comparing(e -> e.getValue().last()))
          .ifPresent(e -> map.remove(e.getKey(), e.getValue()));
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String loginKey(String login) {
    return login.toLowerCase(Locale.ROOT);
  }
}
