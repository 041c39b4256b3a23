package io.berth.core.adapter.sqlite;

import java.sql.SQLException;
import java.sql.Statement;

/** One step of the audit database schema; applied once, in version order, inside a transaction. */
interface SchemaMigration {
  int version();

  String description();

  void apply(Statement sql) throws SQLException;
}
