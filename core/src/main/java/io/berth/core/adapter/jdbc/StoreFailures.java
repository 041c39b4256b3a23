package io.berth.core.adapter.jdbc;

import io.berth.core.audit.AuditUnavailableException;
import java.sql.BatchUpdateException;
import java.time.Duration;

/** Turns a store's errors into {@link AuditUnavailableException}s an operator can act on ("... is read-only", "disk full"). */
final class StoreFailures {
  private final SqlDialect dialect;
  private final String name;
  private final Duration lockTimeout;

  StoreFailures(SqlDialect dialect, String name, Duration lockTimeout) {
    this.dialect = dialect;
    this.name = name;
    this.lockTimeout = lockTimeout;
  }

  AuditUnavailableException unavailable(Throwable e) {
    if (e instanceof AuditUnavailableException a) return a;
    return new AuditUnavailableException(describe(e), e);
  }

  String describe(Throwable e) {
    return dialect.describe(cause(e), name, lockTimeout);
  }

  boolean isEnvironmental(Throwable e) {
    return dialect.isEnvironmental(cause(e));
  }

  /** A failed batch's own message lists every row's values; the error of the row that failed says what went wrong. */
  private static Throwable cause(Throwable e) {
    if (e instanceof BatchUpdateException b) {
      if (b.getNextException() != null) return b.getNextException();
      if (b.getCause() != null) return b.getCause();
    }
    return e;
  }

  AuditUnavailableException closed() {
    return new AuditUnavailableException("audit trail " + name + " is closed", null);
  }

  AuditUnavailableException readOnly() {
    return new AuditUnavailableException("audit database " + name + " is read-only (opened for reading only)", null);
  }
}
