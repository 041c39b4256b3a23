package io.berth.core.adapter.jdbc;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * Appends records as a Berth from before the context column did: its INSERT (sixteen columns, no
 * {@code context}) and its v1 hash, chained to the table's tail. For migration tests on a store
 * built with the previous schema versions.
 */
public final class PreviousSchemaRows {
  private static final String INSERT = "INSERT INTO audit (seq, request_id, time_ms, outcome, berth_user, source, "
      + "platform_user_id, display_name, location, command_text, action, target, message, duration_ms, prev_hash, hash) "
      + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

  private PreviousSchemaRows() {}

  public static void append(Connection c, List<AuditEntry> entries) throws SQLException {
    long seq = 0;
    String prev = AuditRow.GENESIS;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")) {
      if (rs.next()) {
        seq = rs.getLong(1);
        prev = rs.getString(2);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (AuditEntry e : entries) {
        if (e.context() != null) throw new IllegalArgumentException("the previous schema has no context");
        AuditRow r = AuditRow.link(++seq, e, prev);
        Object[] v = {r.seq(), r.requestId(), r.timeMs(), r.outcome(), r.berthUser(), r.source(), r.platformUserId(),
            r.displayName(), r.location(), r.commandText(), r.action(), r.target(), r.message(), r.durationMs(),
            r.prevHash(), r.hash()};
        for (int i = 0; i < v.length; i++) {
          if (v[i] == null) ps.setNull(i + 1, i == 13 ? Types.BIGINT : Types.VARCHAR);
          else if (v[i] instanceof Long l) ps.setLong(i + 1, l);
          else ps.setString(i + 1, (String) v[i]);
        }
        ps.executeUpdate();
        prev = r.hash();
      }
    }
  }
}
