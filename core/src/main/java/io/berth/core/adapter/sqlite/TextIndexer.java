package io.berth.core.adapter.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Brings the full-text index ({@code audit_text}, schema v6) up to the newest row, in transactions
 * of {@link #CHUNK} rows, off the commit path. FTS5 pays per transaction (it writes a segment and
 * merges segments at each commit), so 2,000 rows at once cost about 1 µs of CPU each, where a
 * trigger inside every group commit cost 25–30 µs.
 *
 * <p>Each chunk takes the write lock briefly ({@code BEGIN IMMEDIATE}; the writer waits for it
 * like for any other writer) and commits without its own fsync ({@code synchronous = NORMAL}, this
 * session only): the index and its mark commit together, so a crash can lose a chunk, never split
 * it, and the next run redoes it; the next durable commit flushes it anyway.
 */
final class TextIndexer {
  static final int CHUNK = 2_000;

  private TextIndexer() {}

  /** Indexes every row above the mark; returns how many. Does nothing on a file older than v6. */
  static long catchUp(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery(
          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_text_indexed'")) {
        if (!rs.next() || rs.getInt(1) == 0) return 0;
      }
      st.execute("PRAGMA synchronous = NORMAL");
      long total = 0;
      while (true) {
        st.execute("BEGIN IMMEDIATE");
        try {
          long from = single(st, "SELECT through_seq FROM audit_text_indexed");
          long newest = single(st, "SELECT coalesce(max(seq), 0) FROM audit");
          if (newest <= from) {
            st.execute("ROLLBACK");
            return total;
          }
          long to = Math.min(newest, from + CHUNK);
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_text(rowid, command_text, target, message) "
              + "SELECT seq, command_text, target, message FROM audit WHERE seq > ? AND seq <= ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            total += ps.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement("UPDATE audit_text_indexed SET through_seq = ?")) {
            ps.setLong(1, to);
            ps.executeUpdate();
          }
          st.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
          try {
            st.execute("ROLLBACK");
          } catch (SQLException ignored) {
            // SQLite already rolled back
          }
          throw e;
        }
      }
    }
  }

  private static long single(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
