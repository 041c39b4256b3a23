package io.berth.web.auth;

import io.berth.core.replica.InMemorySharedStore;
import io.berth.core.replica.SharedStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions keyed by random ids; the cookie holds only the id. They live in the
 * replicas' {@link SharedStore} (PostgreSQL when the audit is there), so a request that lands on
 * another replica finds its session, and signing out on one ends it on all.
 */
public final class SessionStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SPACE = "web-session";
  /** The most sessions a Berth alone keeps in memory. */
  private static final int LOCAL_CAPACITY = 10_000;
  /** A session's expiry is moved at most this often per replica: not one write per request. */
  private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

  private final SharedStore store;
  private final Map<String, Instant> touched = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idle;

  /** A Berth alone: sessions in memory. */
  public SessionStore(Clock clock, Duration idle) {
    this(new InMemorySharedStore(LOCAL_CAPACITY, clock), clock, idle);
  }

  public SessionStore(SharedStore store, Clock clock, Duration idle) {
    this.store = store;
    this.clock = clock;
    this.idle = idle;
  }

  public Session open(String login) {
    Instant now = clock.instant();
    touched.values().removeIf(t -> t.plus(idle).isBefore(now)); // sessions never seen again
    Session s = new Session(randomToken(), login, randomToken());
    // 256 random bits: a clash is not expected, and would only refuse (never join) the other session
    if (!store.putIfAbsent(SPACE, s.id(), login + '\n' + s.csrfToken(), now.plus(idle))) {
      throw new IllegalStateException("session id collision");
    }
    touched.put(s.id(), now);
    return s;
  }

  public Optional<Session> find(String id) {
    if (id == null || id.isEmpty()) return Optional.empty();
    Optional<String> value = store.get(SPACE, id);
    if (value.isEmpty()) {
      touched.remove(id);
      return Optional.empty();
    }
    String v = value.get();
    int nl = v.indexOf('\n');
    if (nl < 0) return Optional.empty();
    Instant now = clock.instant();
    Instant last = touched.get(id);
    if (last == null || !now.isBefore(last.plus(TOUCH_EVERY))) {
      if (!store.touch(SPACE, id, now.plus(idle))) return Optional.empty(); // expired or signed out meanwhile
      touched.put(id, now);
    }
    return Optional.of(new Session(id, v.substring(0, nl), v.substring(nl + 1)));
  }

  public void close(String id) {
    if (id == null) return;
    touched.remove(id);
    store.remove(SPACE, id);
  }

  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
