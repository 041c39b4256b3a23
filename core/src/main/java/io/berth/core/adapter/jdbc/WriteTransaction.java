package io.berth.core.adapter.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One write transaction holding the store's write lock from its first statement
 * ({@link SqlDialect#begin}), so what the work reads is still true when it writes: another process
 * cannot slip a write in between. Committed when the work returns a value, rolled back when it
 * returns empty (nothing to do) or fails. The session is left in autocommit, as it came.
 */
final class WriteTransaction {
  /** The work inside the transaction; empty means "nothing to write, roll back". */
  @FunctionalInterface
  interface Work<T> {
    Optional<T> apply(Connection c) throws SQLException;
  }

  private WriteTransaction() {}

  static <T> Optional<T> run(Connection c, SqlDialect dialect, Work<T> work) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    try {
      dialect.begin(c);
      try {
        Optional<T> result = work.apply(c);
        if (result.isPresent()) dialect.commit(c);
        else dialect.rollbackQuietly(c);
        return result;
      } catch (SQLException | RuntimeException e) {
        dialect.rollbackQuietly(c);
        throw e;
      }
    } finally {
      if (c.getAutoCommit() != autoCommit && !c.isClosed()) c.setAutoCommit(autoCommit);
    }
  }
}
