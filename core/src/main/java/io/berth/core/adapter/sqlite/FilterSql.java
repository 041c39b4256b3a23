package io.berth.core.adapter.sqlite;

import io.berth.core.audit.AuditFilter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** An {@link AuditFilter} as a parameterised WHERE clause (values are never spliced into SQL). */
record FilterSql(String where, List<Object> params) {

  static FilterSql of(AuditFilter f) {
    List<String> clauses = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    // The records of given requests are a handful: found through audit_request_id whatever else is
    // filtered. A unary + keeps the planner off every other index (it would rather walk a target's
    // or a time range's rows: QueryPlanTest).
    String x = f.requestIds() != null ? "+" : "";
    if (f.user() != null) {
      // Unknown identities have no Berth user: their platform id is their user (one indexed key, see V4).
      clauses.add(x + V4QueryIndexes.USER_KEY + " = ?");
      params.add(f.user());
    }
    if (f.source() != null) {
      clauses.add(x + "source = ?");
      params.add(f.source().id());
    }
    if (f.action() != null) {
      clauses.add(x + "action = ?");
      params.add(f.action());
    }
    if (f.target() != null) {
      clauses.add(x + "target = ?");
      params.add(f.target());
    }
    if (f.outcome() != null) {
      clauses.add(x + "outcome = ?");
      params.add(f.outcome().id());
    }
    // Times map to a seq range through the time index (two lookups; exact because the store keeps
    // times within AuditRows.TIME_SKEW_MS of order): rows before the newest-timed row older than
    // from - skew are all older than from; rows after the oldest-timed row at or after to + skew
    // are all at or after to. The exact comparisons stay, unindexed (+), for the rows in between.
    if (f.from() != null) {
      clauses.add(x + "seq > coalesce((SELECT seq FROM audit WHERE time_ms < ? ORDER BY time_ms DESC LIMIT 1), 0)");
      params.add(f.from().toEpochMilli() - AuditRows.TIME_SKEW_MS);
      clauses.add("+time_ms >= ?");
      params.add(f.from().toEpochMilli());
    }
    if (f.to() != null) {
      clauses.add(x + "seq < coalesce((SELECT seq FROM audit WHERE time_ms >= ? ORDER BY time_ms LIMIT 1), 9223372036854775807)");
      params.add(f.to().toEpochMilli() + AuditRows.TIME_SKEW_MS);
      clauses.add("+time_ms < ?");
      params.add(f.to().toEpochMilli());
    }
    if (f.text() != null && !f.text().isEmpty()) {
      if (f.text().codePointCount(0, f.text().length()) >= 3) {
        // the trigram index finds the candidates (a superset: it folds case beyond ASCII); LIKE below decides
        clauses.add(x + "seq IN (SELECT rowid FROM audit_text WHERE audit_text MATCH ?)");
        params.add(trigrams(f.text()));
      }
      clauses.add("(command_text LIKE ? ESCAPE '\\' OR target LIKE ? ESCAPE '\\' OR message LIKE ? ESCAPE '\\')");
      String pattern = "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      params.add(pattern);
      params.add(pattern);
      params.add(pattern);
    }
    if (f.beforeSeq() != null) {
      clauses.add(x + "seq < ?");
      params.add(f.beforeSeq());
    }
    if (f.requestIds() != null) {
      // one command's records (folding): audit_request_id finds them, whatever else is filtered
      clauses.add(f.requestIds().isEmpty() ? "0" : "request_id IN (" + "?,".repeat(f.requestIds().size() - 1) + "?)");
      params.addAll(f.requestIds());
    }
    return new FilterSql(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
  }

  /**
   * An FTS5 query for rows containing every trigram of {@code text} (the index keeps no positions,
   * so this is a superset of the rows containing the text; LIKE then decides). At most 16 trigrams.
   */
  static String trigrams(String text) {
    int[] cp = text.codePoints().toArray();
    List<String> terms = new ArrayList<>();
    int step = Math.max(1, (cp.length - 2 + 15) / 16);
    for (int i = 0; i + 3 <= cp.length && terms.size() < 16; i += step) {
      terms.add("\"" + new String(cp, i, 3).replace("\"", "\"\"") + "\"");
    }
    return String.join(" AND ", terms);
  }

  /** Binds the parameters from index 1; returns the next free index. */
  int bind(PreparedStatement ps) throws SQLException {
    int i = 1;
    for (Object p : params) {
      if (p instanceof Long l) ps.setLong(i++, l);
      else ps.setString(i++, (String) p);
    }
    return i;
  }
}
