package io.berth.core.adapter.postgres;

import io.berth.core.audit.AuditUnavailableException;
import java.sql.SQLException;
import java.time.Duration;

/** Turns PostgreSQL errors (by SQLSTATE) into messages an operator can act on. Never includes credentials. */
final class PostgresFailures {
  private final String name;
  private final Duration lockTimeout;

  PostgresFailures(String name, Duration lockTimeout) {
    this.name = name;
    this.lockTimeout = lockTimeout;
  }

  AuditUnavailableException unavailable(Throwable e) {
    if (e instanceof AuditUnavailableException a) return a;
    return new AuditUnavailableException(describe(e), e);
  }

  String describe(Throwable e) {
    // A failed batch's own message lists every row's values; the server's error says what went wrong.
    if (e instanceof java.sql.BatchUpdateException b && b.getNextException() != null) e = b.getNextException();
    String state = e instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "";
    String db = "audit database " + name;
    if (state.startsWith("08")) return db + " is unreachable: " + e.getMessage();
    if (state.startsWith("28")) return db + " refused the login (check audit.postgres.user and the password): "
        + e.getMessage();
    if (state.equals("3D000")) return db + " does not exist (create it, or fix audit.postgres.url)";
    if (state.equals("25006")) return db + " is read-only (a standby, or default_transaction_read_only)";
    if (state.equals("42501")) return db + " cannot be written: permission denied: " + e.getMessage();
    if (state.startsWith("53")) return db + " cannot grow: the server is out of disk, memory or connections: "
        + e.getMessage();
    if (state.equals("55P03")) return db + " is locked by another writer for more than " + lockTimeout.toMillis() + " ms";
    if (state.startsWith("57")) return db + " is shutting down or cancelled the write: " + e.getMessage();
    return db + " cannot be written: " + e.getMessage();
  }

  /** Unreachable, refused, read-only, full, locked: conditions of the server that may pass. */
  static boolean isEnvironmental(Throwable e) {
    if (!(e instanceof SQLException s) || s.getSQLState() == null) return false;
    String state = s.getSQLState();
    return state.startsWith("08") || state.startsWith("28") || state.startsWith("53") || state.startsWith("57")
        || state.equals("3D000") || state.equals("25006") || state.equals("42501") || state.equals("55P03");
  }

  AuditUnavailableException closed() {
    return new AuditUnavailableException("audit trail " + name + " is closed", null);
  }
}
