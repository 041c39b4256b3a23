package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.SchemaMigration;
import java.util.List;

/** The SQLite audit file's schema versions, applied in order by the shared migrator, each in its own transaction. */
final class SqliteSchema {
  /** Every migration, oldest first. Append new versions here; never edit a released one. */
  static final List<SchemaMigration> ALL = List.of(new V1AuditTable(), new V2WritableProbe(), new V3CheckpointsAndArchive(),
      new V4QueryIndexes(), new V5AuditContext(), new V6DeferredTextIndex());

  private SqliteSchema() {}
}
