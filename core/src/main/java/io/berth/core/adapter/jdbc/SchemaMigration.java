package io.berth.core.adapter.jdbc;

import java.sql.SQLException;
import java.sql.Statement;

/** One step of a store's schema; applied once, in version order, in its own write transaction. */
public interface SchemaMigration {
  int version();

  String description();

  void apply(Statement sql) throws SQLException;
}
