package io.berth.core.adapter.postgres;

import io.berth.core.replica.SharedStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicas' shared state in the audit's PostgreSQL database (table {@code shared_entry}, schema v2,
 * created when the audit store opens). Every decision is one statement, so two replicas asking at
 * once get one yes: an insert that does nothing on a live entry, a delete that counts its row.
 * Expired rows are deleted at most once a minute, by whichever replica writes.
 */
public final class PostgresSharedStore implements SharedStore {
  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  private final PostgresConnections sessions;
  private final Clock clock;
  private volatile Instant nextPurge = Instant.MIN;

  private PostgresSharedStore(PostgresConnections sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Opens the store in the audit's database ({@code settings} and password as for the audit). */
  public static PostgresSharedStore open(PostgresAuditTrail.Settings settings, String password, Clock clock) {
    return new PostgresSharedStore(
        new PostgresConnections(settings.url(), settings.user(), password, settings.lockTimeout()), clock);
  }

  @FunctionalInterface
  private interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  private <T> T run(String what, Work<T> work) {
    Connection c = null;
    boolean healthy = false;
    try {
      c = sessions.borrow(true);
      T out = work.on(c);
      healthy = true;
      return out;
    } catch (SQLException e) {
      // the message names the operation and SQLSTATE only: keys and values (session ids) stay out of logs
      throw new StoreException("shared store: " + what + " failed (SQLSTATE " + e.getSQLState() + ")", e);
    } finally {
      sessions.release(c, healthy);
    }
  }

  @Override
  public boolean putIfAbsent(String space, String key, String value, Instant expires) {
    Instant now = clock.instant();
    purgeIfDue(now);
    return run("insert", c -> {
      // an expired entry under the key is replaced; a live one stays and the insert changes nothing
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO shared_entry (space, key, value, expires_at) "
          + "VALUES (?, ?, ?, ?) ON CONFLICT (space, key) DO UPDATE SET value = EXCLUDED.value, "
          + "expires_at = EXCLUDED.expires_at WHERE shared_entry.expires_at <= ?")) {
        ps.setString(1, space);
        ps.setString(2, key);
        ps.setString(3, value);
        ps.setTimestamp(4, Timestamp.from(expires));
        ps.setTimestamp(5, Timestamp.from(now));
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<String> get(String space, String key) {
    return run("read", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT value FROM shared_entry WHERE space = ? AND key = ? AND expires_at > ?")) {
        ps.setString(1, space);
        ps.setString(2, key);
        ps.setTimestamp(3, Timestamp.from(clock.instant()));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean touch(String space, String key, Instant expires) {
    return run("touch", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE shared_entry SET expires_at = ? WHERE space = ? AND key = ? AND expires_at > ?")) {
        ps.setTimestamp(1, Timestamp.from(expires));
        ps.setString(2, space);
        ps.setString(3, key);
        ps.setTimestamp(4, Timestamp.from(clock.instant()));
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean replace(String space, String key, String expected, String value, Instant expires) {
    return run("replace", c -> {
      // one statement: of two replicas replacing the same value, the second finds another value and updates nothing
      try (PreparedStatement ps = c.prepareStatement("UPDATE shared_entry SET value = ?, expires_at = ? "
          + "WHERE space = ? AND key = ? AND value = ? AND expires_at > ?")) {
        ps.setString(1, value);
        ps.setTimestamp(2, Timestamp.from(expires));
        ps.setString(3, space);
        ps.setString(4, key);
        ps.setString(5, expected);
        ps.setTimestamp(6, Timestamp.from(clock.instant()));
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Map<String, String> entries(String space) {
    return run("list", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT key, value FROM shared_entry WHERE space = ? AND expires_at > ?")) {
        ps.setString(1, space);
        ps.setTimestamp(2, Timestamp.from(clock.instant()));
        Map<String, String> out = new TreeMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.put(rs.getString(1), rs.getString(2));
        }
        return out;
      }
    });
  }

  @Override
  public boolean remove(String space, String key) {
    return run("remove", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM shared_entry WHERE space = ? AND key = ? AND expires_at > ?")) {
        ps.setString(1, space);
        ps.setString(2, key);
        ps.setTimestamp(3, Timestamp.from(clock.instant()));
        return ps.executeUpdate() == 1;
      }
    });
  }

  private void purgeIfDue(Instant now) {
    if (now.isBefore(nextPurge)) return;
    nextPurge = now.plus(PURGE_EVERY);
    run("purge", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM shared_entry WHERE expires_at <= ?")) {
        ps.setTimestamp(1, Timestamp.from(now));
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void close() {
    sessions.close();
  }
}
