package io.berth.core.adapter.sqlite;

import io.berth.core.audit.AuditUnavailableException;
import java.time.Duration;
import org.sqlite.SQLiteException;

/** Turns SQLite errors into messages an operator can act on ("... is read-only", "disk full"). */
final class SqliteFailures {
  private final String file;
  private final Duration busyTimeout;

  SqliteFailures(String file, Duration busyTimeout) {
    this.file = file;
    this.busyTimeout = busyTimeout;
  }

  AuditUnavailableException unavailable(Throwable e) {
    if (e instanceof AuditUnavailableException a) return a;
    return new AuditUnavailableException(describe(e), e);
  }

  String describe(Throwable e) {
    if (e instanceof SQLiteException s) {
      int primary = s.getResultCode().code & 0xff;
      switch (primary) {
        case 8: return "audit database " + file + " is read-only";
        case 13: return "audit database " + file + " cannot grow: disk full";
        case 5, 6: return "audit database " + file + " is locked by another writer for more than "
            + busyTimeout.toMillis() + " ms";
        case 14: return "audit database " + file + " cannot be opened (missing directory or no permission)";
        case 10: return "I/O error writing audit database " + file + ": " + s.getMessage();
        case 11, 26: return "audit database " + file + " is corrupt or not a database";
        default: break;
      }
    }
    return "audit database " + file + " cannot be written: " + e.getMessage();
  }

  AuditUnavailableException closed() {
    return new AuditUnavailableException("audit trail " + file + " is closed", null);
  }
}
