package io.berth.web.auth;

import java.time.Instant;

/** A signed-in browser: who, the CSRF token its pages carry, and when it was last used. */
public final class Session {
  private final String id;
  private final String login;
  private final String csrfToken;
  private volatile Instant lastSeen;

  Session(String id, String login, String csrfToken, Instant now) {
    this.id = id;
    this.login = login;
    this.csrfToken = csrfToken;
    this.lastSeen = now;
  }

  public String id() {
    return id;
  }

  public String login() {
    return login;
  }

  public String csrfToken() {
    return csrfToken;
  }

  Instant lastSeen() {
    return lastSeen;
  }

  void touch(Instant now) {
    lastSeen = now;
  }
}
