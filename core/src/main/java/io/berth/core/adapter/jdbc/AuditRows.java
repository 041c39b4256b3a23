package io.berth.core.adapter.jdbc;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditRow;
import io.berth.core.audit.ChainHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;

/** The {@code audit} table's columns (the same in every store, so rows hash alike), and moving {@link AuditRow}s in and out. */
public final class AuditRows {
  public static final String COLUMNS = columns(true);
  public static final String INSERT = "INSERT INTO audit (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

  /**
   * The columns {@link #read} reads, in its order. A store opened read-only before its migration
   * added {@code context} (an older database being verified) reads null in its place: every record
   * it holds predates the column.
   */
  public static String columns(boolean withContext) {
    return "seq, request_id, time_ms, outcome, berth_user, source, platform_user_id, display_name, location, "
        + "command_text, action, target, message, duration_ms, " + (withContext ? "context" : "NULL AS context")
        + ", prev_hash, hash";
  }

  /**
   * How far a record's time may lie before the newest time already stored, where the dialect keeps
   * times in order ({@link SqlDialect#keepsTimesInOrder}): {@code time_ms >= (newest earlier time_ms)
   * - TIME_SKEW_MS} for every record written, so a time range maps to a seq range exactly and the
   * console reads newest first without sorting. Concurrent writers and processes differ by
   * milliseconds; only a clock stepped back by more than this moves a record's time (forward, to the bound).
   */
  public static final long TIME_SKEW_MS = 60_000;

  private AuditRows() {}

  /** Reads a row selected with {@link #COLUMNS}, in that order. */
  public static AuditRow read(ResultSet rs) throws SQLException {
    long duration = rs.getLong(14);
    Long durationMs = rs.wasNull() ? null : duration;
    return new AuditRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
        rs.getString(11), rs.getString(12), rs.getString(13), durationMs, rs.getString(15), rs.getString(16),
        rs.getString(17));
  }

  /** Binds {@code r} to {@link #INSERT}'s parameters. */
  public static void bind(PreparedStatement ps, AuditRow r) throws SQLException {
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
    ps.setString(15, r.context());
    ps.setString(16, r.prevHash());
    ps.setString(17, r.hash());
  }

  /** The newest row's seq and hash (the chain's tail while any row is left): {@link #tail(Connection, PreparedStatement, SqlDialect)}. */
  static final String NEWEST_ROW = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
  /** The newest time stored (index min/max, one lookup): {@link #newestTimeMs(PreparedStatement)}. */
  static final String NEWEST_TIME = "SELECT max(time_ms) FROM audit";

  /**
   * The chain's tail: the newest row, else (everything was archived) the archived boundary, else
   * empty. Read under the write lock before appending, so every writer continues the same chain.
   */
  static ChainHead tail(Connection c, SqlDialect dialect) throws SQLException {
    try (PreparedStatement newestRow = c.prepareStatement(NEWEST_ROW)) {
      return tail(c, newestRow, dialect);
    }
  }

  /** {@link #tail(Connection, SqlDialect)} with {@link #NEWEST_ROW} already prepared (the writer prepares it once per session). */
  static ChainHead tail(Connection c, PreparedStatement newestRow, SqlDialect dialect) throws SQLException {
    try (ResultSet rs = newestRow.executeQuery()) {
      if (rs.next()) return new ChainHead(rs.getLong(1), rs.getString(2));
    }
    if (dialect.hasTable(c, "archived")) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT through_seq, last_hash FROM archived ORDER BY through_seq DESC LIMIT 1")) {
        if (rs.next()) return new ChainHead(rs.getLong(1), rs.getString(2));
      }
    }
    return ChainHead.EMPTY;
  }

  /** The newest time stored, or Long.MIN_VALUE when there is none; {@code newestTime} is {@link #NEWEST_TIME} prepared. */
  static long newestTimeMs(PreparedStatement newestTime) throws SQLException {
    try (ResultSet rs = newestTime.executeQuery()) {
      long t = rs.next() ? rs.getLong(1) : 0;
      return rs.wasNull() ? Long.MIN_VALUE : t;
    }
  }

  /** {@code entry}, its time moved forward to {@code newest - TIME_SKEW_MS} if it lies before that. */
  static AuditEntry withinSkew(AuditEntry e, long newest) {
    if (newest == Long.MIN_VALUE || e.time().toEpochMilli() >= newest - TIME_SKEW_MS) return e;
    return e.at(Instant.ofEpochMilli(newest - TIME_SKEW_MS));
  }
}
