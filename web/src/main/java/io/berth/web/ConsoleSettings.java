package io.berth.web;

import java.time.Duration;

/**
 * The console's own knobs, from the {@code web:} section of the configuration.
 *
 * @param maxFailedLogins failed logins allowed per login name and address within {@code throttleWindow}
 * @param throttleWindow how long failed logins are remembered
 * @param logLinesKept log lines a page keeps while following (oldest dropped)
 * @param sessionIdle a session unused this long is forgotten
 */
public record ConsoleSettings(int maxFailedLogins, Duration throttleWindow, int logLinesKept, Duration sessionIdle) {
  public static final ConsoleSettings DEFAULTS =
      new ConsoleSettings(5, Duration.ofMinutes(5), 5000, Duration.ofHours(12));

  /** From the configuration's {@code web:} section (sessions here are server-side, so no key is needed). */
  public static ConsoleSettings from(io.berth.core.config.WebSettings web) {
    return new ConsoleSettings(web.loginThrottle().maxFailures(), web.loginThrottle().window(), web.logLinesKept(),
        DEFAULTS.sessionIdle());
  }

  public ConsoleSettings {
    if (maxFailedLogins < 1) throw new IllegalArgumentException("maxFailedLogins must be >= 1");
    if (logLinesKept < 100) throw new IllegalArgumentException("logLinesKept must be >= 100");
  }
}
