package io.berth.web;

import io.berth.core.config.WebSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The console's own knobs, from the {@code web:} section of the configuration.
 *
 * @param loginThrottle how failed sign-ins are slowed down, per login and per address
 * @param logLinesKept log lines a page keeps while following (oldest dropped)
 * @param sessionIdle a session unused this long is forgotten
 * @param maxStreamsPerUser live streams (SSE) one login may hold open at once
 * @param publicUrl the origin browsers use to reach the console (behind a proxy); empty: the request's Host
 * @param terminal the terminal tab's idle timeout and per-login cap
 */
public record ConsoleSettings(WebSettings.LoginThrottle loginThrottle, int logLinesKept, Duration sessionIdle,
    int maxStreamsPerUser, Optional<URI> publicUrl, WebSettings.Terminal terminal) {
  public static final ConsoleSettings DEFAULTS = from(WebSettings.DEFAULTS);

  /** From the configuration's {@code web:} section (sessions here are server-side, so no key is needed). */
  public static ConsoleSettings from(WebSettings web) {
    return new ConsoleSettings(web.loginThrottle(), web.logLinesKept(), Duration.ofHours(12), web.maxStreamsPerUser(),
        Optional.ofNullable(web.publicUrl()), web.terminal());
  }

  public ConsoleSettings {
    if (loginThrottle.maxFailures() < 1) throw new IllegalArgumentException("maxFailures must be >= 1");
    if (logLinesKept < 100) throw new IllegalArgumentException("logLinesKept must be >= 100");
    if (maxStreamsPerUser < 1) throw new IllegalArgumentException("maxStreamsPerUser must be >= 1");
    if (terminal.maxPerUser() < 1) throw new IllegalArgumentException("terminal.maxPerUser must be >= 1");
  }

  public ConsoleSettings withLoginThrottle(WebSettings.LoginThrottle t) {
    return new ConsoleSettings(t, logLinesKept, sessionIdle, maxStreamsPerUser, publicUrl, terminal);
  }

  public ConsoleSettings withLogLinesKept(int lines) {
    return new ConsoleSettings(loginThrottle, lines, sessionIdle, maxStreamsPerUser, publicUrl, terminal);
  }

  public ConsoleSettings withSessionIdle(Duration idle) {
    return new ConsoleSettings(loginThrottle, logLinesKept, idle, maxStreamsPerUser, publicUrl, terminal);
  }

  public ConsoleSettings withMaxStreamsPerUser(int max) {
    return new ConsoleSettings(loginThrottle, logLinesKept, sessionIdle, max, publicUrl, terminal);
  }

  public ConsoleSettings withPublicUrl(URI url) {
    return new ConsoleSettings(loginThrottle, logLinesKept, sessionIdle, maxStreamsPerUser, Optional.ofNullable(url), terminal);
  }

  public ConsoleSettings withTerminal(WebSettings.Terminal t) {
    return new ConsoleSettings(loginThrottle, logLinesKept, sessionIdle, maxStreamsPerUser, publicUrl, t);
  }
}
