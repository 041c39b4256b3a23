package io.berth.web.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Server-side sessions keyed by random ids; the cookie holds only the id. */
public final class SessionStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idle;

  public SessionStore(Clock clock, Duration idle) {
    this.clock = clock;
    this.idle = idle;
  }

  public Session open(String login) {
    sessions.values().removeIf(s -> expired(s));
    Session s = new Session(randomToken(), login, randomToken(), clock.instant());
    sessions.put(s.id(), s);
    return s;
  }

  public Optional<Session> find(String id) {
    if (id == null || id.isEmpty()) return Optional.empty();
    Session s = sessions.get(id);
    if (s == null) return Optional.empty();
    if (expired(s)) {
      sessions.remove(id);
      return Optional.empty();
    }
    s.touch(clock.instant());
    return Optional.of(s);
  }

  public void close(String id) {
    if (id != null) sessions.remove(id);
  }

  private boolean expired(Session s) {
    return s.lastSeen().plus(idle).isBefore(clock.instant());
  }

  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
