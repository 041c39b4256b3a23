package io.berth.core.config;

import java.nio.file.Path;
import java.time.Duration;

/** The web console: on/off, session signing key, login throttling, log lines kept per view. */
public record WebSettings(boolean enabled, Secret sessionKey, LoginThrottle loginThrottle, int logLinesKept) {
  public static final WebSettings DEFAULTS = new WebSettings(true,
      Secret.ref("BERTH_WEB_SESSION_KEY", Path.of("data", "web-session.key")),
      new LoginThrottle(5, Duration.ofMinutes(5)), 5000);

  /** At most {@code maxFailures} failed logins per login name and address within {@code window}. */
  public record LoginThrottle(int maxFailures, Duration window) {}
}
