package io.berth.core.adapter.postgres;

import io.berth.core.adapter.jdbc.SchemaMigration;
import java.util.List;

/**
 * The PostgreSQL audit schema's versions (its own numbering, independent of SQLite's). Each is
 * applied by the shared migrator in its own transaction under the append lock
 * ({@link io.berth.core.adapter.jdbc.PostgresDialect#APPEND_LOCK}), so processes starting together
 * apply each once.
 */
final class PostgresSchema {
  /** Every migration, oldest first. Append new versions here; never edit a released one. */
  static final List<SchemaMigration> ALL =
      List.of(new V1PostgresAuditSchema(), new V2PostgresFilterIndexes(), new V3SharedEntries(),
          new V4PostgresAuditContext());

  private PostgresSchema() {}
}
