package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.SchemaMigration;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Schema v6: the full-text index leaves the commit path. v4 kept {@code audit_text} by a trigger on
 * every insert, so each group commit also flushed a new FTS5 segment (and merged segments): about
 * half of a commit's CPU and a third of its WAL bytes. Now {@link TextIndexer} indexes what arrived
 * in large batches off the commit path and records how far it got in {@code audit_text_indexed};
 * the text filter reads the rows above that directly (see {@code SqliteDialect.text}), so results
 * stay exact.
 */
final class V6DeferredTextIndex implements SchemaMigration {
  @Override
  public int version() {
    return 6;
  }

  @Override
  public String description() {
    return "full-text index kept off the commit path: indexed in batches, the rest read directly";
  }

  @Override
  public void apply(Statement sql) throws SQLException {
    sql.execute("CREATE TABLE audit_text_indexed (id INTEGER PRIMARY KEY CHECK (id = 1), through_seq INTEGER NOT NULL)");
    // v4's trigger indexed every row there is
    sql.execute("INSERT INTO audit_text_indexed (id, through_seq) VALUES (1, (SELECT coalesce(max(seq), 0) FROM audit))");
    sql.execute("DROP TRIGGER audit_text_insert");
    // External content: deleting a row the index never held would corrupt it, so only indexed rows are taken out.
    sql.execute("DROP TRIGGER audit_text_delete");
    sql.execute("CREATE TRIGGER audit_text_delete AFTER DELETE ON audit "
        + "WHEN old.seq <= (SELECT through_seq FROM audit_text_indexed) BEGIN "
        + "INSERT INTO audit_text(audit_text, rowid, command_text, target, message) "
        + "VALUES ('delete', old.seq, old.command_text, old.target, old.message); END");
  }
}
