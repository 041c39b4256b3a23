package io.berth.core.adapter.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * One write transaction that takes SQLite's write lock up front ({@code BEGIN IMMEDIATE}), so what
 * the work reads is still true when it writes: another process cannot slip a write in between.
 * Committed when the work returns a value, rolled back when it returns empty (nothing to do) or fails.
 */
final class ImmediateTransaction {
  /** The work inside the transaction; empty means "nothing to write, roll back". */
  @FunctionalInterface
  interface Work<T> {
    Optional<T> apply(Connection c) throws SQLException;
  }

  private ImmediateTransaction() {}

  static <T> Optional<T> run(Connection c, Work<T> work) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      try {
        Optional<T> result = work.apply(c);
        st.execute(result.isPresent() ? "COMMIT" : "ROLLBACK");
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          st.execute("ROLLBACK");
        } catch (SQLException ignored) {
          // the failed statement may already have ended the transaction
        }
        throw e;
      }
    }
  }
}
