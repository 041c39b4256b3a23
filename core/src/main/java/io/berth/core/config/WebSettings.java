package io.berth.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The web console: on/off, session signing key, login throttling, log lines kept per view, live
 * streams per user, and the address browsers use to reach it.
 *
 * @param maxStreamsPerUser open live streams (SSE: container list, log follow, job progress) one login may hold
 * @param publicUrl the console's origin as browsers see it (behind a proxy), or null: then the request's Host
 * @param terminal the console's interactive terminals
 */
public record WebSettings(boolean enabled, Secret sessionKey, LoginThrottle loginThrottle, int logLinesKept,
    int maxStreamsPerUser, URI publicUrl, Terminal terminal) {
  public static final WebSettings DEFAULTS = new WebSettings(true,
      Secret.ref("BERTH_WEB_SESSION_KEY", Path.of("data", "web-session.key")),
      new LoginThrottle(5, 20, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofHours(1)), 5000, 8, null,
      new Terminal(Duration.ofMinutes(15), 4));

  /**
   * The console's terminal tab.
   *
   * @param idleTimeout a terminal with neither input nor output this long is closed (its exec ends)
   * @param maxPerUser terminals one login may hold open at once; the next is refused until one closes
   */
  public record Terminal(Duration idleTimeout, int maxPerUser) {}

  /**
   * Failed sign-ins, counted per login name and per address separately. Below its threshold a
   * login (or address) may try freely; from there on each failure doubles the wait before the
   * next attempt, starting at {@code backoff}, capped at {@code maxBackoff}. Failures are
   * forgotten after {@code window} without a new one, and a login's own count on its success.
   */
  public record LoginThrottle(int maxFailures, int maxFailuresPerAddress, Duration backoff, Duration maxBackoff,
      Duration window) {}
}
