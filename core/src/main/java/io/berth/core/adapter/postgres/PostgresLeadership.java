package io.berth.core.adapter.postgres;

import io.berth.core.model.Subscription;
import io.berth.core.replica.Leadership;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership among replicas sharing the audit's PostgreSQL: a session-level advisory lock
 * ({@code pg_try_advisory_lock}) held on a connection of its own. The server releases it when that
 * session ends, so a replica that dies or loses the database loses leadership without anyone's help:
 * <ul>
 *   <li>every {@code retry} a follower tries the lock and the leader checks its session (one query);
 *   <li>a failed check ends leadership at once (the session may be gone and the lock with it);
 *   <li>the server ends a session silent for {@code idleTimeout} ({@code idle_session_timeout}), and
 *       TCP keepalives notice a vanished peer, so a leader whose host died leaves within about that
 *       time, not after the kernel's two hours.
 * </ul>
 * Takeover therefore takes at most {@code idleTimeout + retry} (defaults 15 s + 3 s) after the leader's
 * host vanishes, and about {@code retry} after its process ends.
 */
public final class PostgresLeadership implements Leadership {
  private static final Logger log = LoggerFactory.getLogger(PostgresLeadership.class);

  /** How often to try or check, and how long the server keeps a silent session (and its lock). */
  public record Timing(Duration retry, Duration idleTimeout) {
    public static final Timing DEFAULT = new Timing(Duration.ofSeconds(3), Duration.ofSeconds(15));

    public Timing {
      Objects.requireNonNull(retry, "retry");
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (retry.isNegative() || retry.isZero()) throw new IllegalArgumentException("retry must be positive");
      if (idleTimeout.compareTo(retry.multipliedBy(2)) < 0) {
        throw new IllegalArgumentException("idleTimeout must be at least twice retry (the leader's checks keep it busy)");
      }
    }
  }

  private final PostgresConnections sessions;
  private final long lockKey;
  private final Timing timing;
  private final ScheduledExecutorService thread;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private Connection session; // only on the leadership thread
  private volatile boolean leading;
  private volatile boolean closed;

  private PostgresLeadership(PostgresConnections sessions, String name, Timing timing) {
    this.sessions = sessions;
    this.lockKey = lockKey(name);
    this.timing = timing;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "berth-leadership");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts trying for leadership of {@code name} (replicas of one Berth share a name; two Berths on one
   * database use two) in the audit's database.
   */
  public static PostgresLeadership start(PostgresAuditTrail.Settings settings, String password, String name,
      Timing timing) {
    var sessions = new PostgresConnections(settings.url(), settings.user(), password, settings.lockTimeout());
    PostgresLeadership l = new PostgresLeadership(sessions, name, timing);
    l.thread.scheduleWithFixedDelay(l::round, 0, timing.retry().toMillis(), TimeUnit.MILLISECONDS);
    return l;
  }

  /** The advisory lock's key: the first 8 bytes of SHA-256 of the name (stable across versions). */
  static long lockKey(String name) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(("berth.leader:" + name).getBytes(StandardCharsets.UTF_8));
      long k = 0;
      for (int i = 0; i < 8; i++) k = (k << 8) | (d[i] & 0xff);
      return k;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean leading() {
    return leading;
  }

  @Override
  public Subscription watch(Listener listener) {
    // on the leadership thread, so the listener's first word and later changes come in order
    thread.execute(() -> {
      listeners.add(listener);
      if (leading) tell(listener, true);
    });
    return () -> listeners.remove(listener);
  }

  /** One try (follower) or check (leader); any failure drops the session and, with it, leadership. */
  private void round() {
    if (closed) return;
    try {
      if (session == null) session = openSession();
      if (leading) {
        try (Statement st = session.createStatement()) {
          st.execute("SELECT 1");
        }
      } else if (tryLock()) {
        leading = true;
        log.info("this replica leads now (advisory lock {})", lockKey);
        listeners.forEach(l -> tell(l, true));
      }
    } catch (SQLException | RuntimeException e) {
      dropSession("leadership store unreachable: " + e.getClass().getSimpleName()
          + (e instanceof SQLException s ? " (SQLSTATE " + s.getSQLState() + ")" : ""));
    }
  }

  private Connection openSession() throws SQLException {
    Connection c = sessions.open();
    try (Statement st = c.createStatement()) {
      long idleMs = timing.idleTimeout().toMillis();
      st.execute("SET idle_session_timeout = " + idleMs);
      // a peer that vanished (host gone, no FIN) is noticed by keepalives within the same bound
      long probe = Math.max(1, timing.retry().toSeconds());
      st.execute("SET tcp_keepalives_idle = " + probe);
      st.execute("SET tcp_keepalives_interval = " + probe);
      st.execute("SET tcp_keepalives_count = " + Math.max(1, (idleMs / 1000) / probe));
      // a query the server does not answer within the bound counts as a lost session
      c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, idleMs));
    } catch (SQLException e) {
      PostgresConnections.closeQuietly(c);
      throw e;
    }
    return c;
  }

  private boolean tryLock() throws SQLException {
    try (PreparedStatement ps = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      ps.setLong(1, lockKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private void dropSession(String why) {
    if (session != null) PostgresConnections.closeQuietly(session);
    session = null;
    if (leading) {
      leading = false;
      log.warn("this replica no longer leads: {}", why);
      listeners.forEach(l -> tell(l, false));
    } else {
      log.debug("leadership: {}", why);
    }
  }

  private static void tell(Listener l, boolean gained) {
    try {
      if (gained) l.gained();
      else l.lost();
    } catch (RuntimeException e) {
      log.warn("leadership listener failed on {}: {}", gained ? "gain" : "loss", e.toString());
    }
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    try {
      // closing the session releases the lock at once: a follower takes over at its next try
      thread.submit(() -> dropSession("closed")).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("leadership close: {}", e.toString());
    }
    thread.shutdownNow();
    sessions.close();
  }
}
