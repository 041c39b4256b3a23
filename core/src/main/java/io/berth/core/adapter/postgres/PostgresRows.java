package io.berth.core.adapter.postgres;

import io.berth.core.audit.AuditRow;
import io.berth.core.audit.ChainHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/** The {@code audit} table's columns (the same as SQLite's, so rows hash alike), and moving {@link AuditRow}s in and out. */
final class PostgresRows {
  static final String COLUMNS = "seq, request_id, time_ms, outcome, berth_user, source, platform_user_id, "
      + "display_name, location, command_text, action, target, message, duration_ms, prev_hash, hash";
  static final String INSERT = "INSERT INTO audit (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

  private PostgresRows() {}

  static AuditRow read(ResultSet rs) throws SQLException {
    long duration = rs.getLong(14);
    Long durationMs = rs.wasNull() ? null : duration;
    return new AuditRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
        rs.getString(11), rs.getString(12), rs.getString(13), durationMs, rs.getString(15), rs.getString(16));
  }

  static void bind(PreparedStatement ps, AuditRow r) throws SQLException {
    ps.setLong(1, r.seq());
    ps.setString(2, r.requestId());
    ps.setLong(3, r.timeMs());
    ps.setString(4, r.outcome());
    ps.setString(5, r.berthUser());
    ps.setString(6, r.source());
    ps.setString(7, r.platformUserId());
    ps.setString(8, r.displayName());
    ps.setString(9, r.location());
    ps.setString(10, r.commandText());
    ps.setString(11, r.action());
    ps.setString(12, r.target());
    ps.setString(13, r.message());
    if (r.durationMs() == null) ps.setNull(14, Types.BIGINT);
    else ps.setLong(14, r.durationMs());
    ps.setString(15, r.prevHash());
    ps.setString(16, r.hash());
  }

  /**
   * The chain's tail: the newest row, else the archived boundary, else empty. Writers read it while
   * holding the append lock ({@link PostgresSchema#APPEND_LOCK}), so every process continues the same chain.
   */
  static ChainHead tail(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")) {
        if (rs.next()) return new ChainHead(rs.getLong(1), rs.getString(2));
      }
      try (ResultSet rs = st.executeQuery("SELECT through_seq, last_hash FROM archived ORDER BY through_seq DESC LIMIT 1")) {
        if (rs.next()) return new ChainHead(rs.getLong(1), rs.getString(2));
      }
    }
    return ChainHead.EMPTY;
  }
}
