package io.berth.core.adapter.postgres;

import java.sql.SQLException;
import java.sql.Statement;

/** One step of the PostgreSQL audit schema; applied once, in its own transaction, under the append lock. */
interface PostgresMigration {
  int version();

  String description();

  void apply(Statement sql) throws SQLException;
}
