package io.berth.core.adapter.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** How a store reaches its database: what truly differs between a file and a server. */
public interface StoreSessions extends AutoCloseable {
  /** A new session the caller owns and closes: the group-commit writer's, and the one migrating at start. */
  Connection openWriter() throws SQLException;

  /** A session for one read or one write transaction, in autocommit; give it back with {@link #release}. */
  Connection borrow(boolean write) throws SQLException;

  /** Takes a borrowed session back ({@code healthy}: its work did not fail). */
  void release(Connection c, boolean healthy);

  /**
   * A write transaction committed on one of these sessions (the writer's or a borrowed one). SQLite
   * wakes its WAL checkpointer here, so the checkpoint is no commit's work.
   */
  default void committed() {}

  @Override
  void close();
}
