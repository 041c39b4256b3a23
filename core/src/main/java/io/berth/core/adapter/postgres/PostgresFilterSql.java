package io.berth.core.adapter.postgres;

import io.berth.core.audit.AuditFilter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link AuditFilter} as a parameterised WHERE clause for PostgreSQL (values are never spliced
 * into SQL). The text filter uses ILIKE: it matches what SQLite's (ASCII case-insensitive) LIKE does.
 */
record PostgresFilterSql(String where, List<Object> params) {

  static PostgresFilterSql of(AuditFilter f) {
    List<String> clauses = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (f.user() != null) {
      // Unknown identities have no Berth user: let their platform id find them too.
      clauses.add("(berth_user = ? OR platform_user_id = ?)");
      params.add(f.user());
      params.add(f.user());
    }
    equal(clauses, params, "source", f.source() == null ? null : f.source().id());
    equal(clauses, params, "action", f.action());
    equal(clauses, params, "target", f.target());
    equal(clauses, params, "outcome", f.outcome() == null ? null : f.outcome().id());
    if (f.from() != null) {
      clauses.add("time_ms >= ?");
      params.add(f.from().toEpochMilli());
    }
    if (f.to() != null) {
      clauses.add("time_ms < ?");
      params.add(f.to().toEpochMilli());
    }
    if (f.text() != null && !f.text().isEmpty()) {
      clauses.add("(command_text ILIKE ? ESCAPE '\\' OR target ILIKE ? ESCAPE '\\' OR message ILIKE ? ESCAPE '\\')");
      String pattern = "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      params.add(pattern);
      params.add(pattern);
      params.add(pattern);
    }
    if (f.beforeSeq() != null) {
      clauses.add("seq < ?");
      params.add(f.beforeSeq());
    }
    if (f.requestIds() != null) {
      // one command's records (folding), found through audit_request_id
      clauses.add(f.requestIds().isEmpty() ? "false" : "request_id IN (" + "?,".repeat(f.requestIds().size() - 1) + "?)");
      params.addAll(f.requestIds());
    }
    return new PostgresFilterSql(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
  }

  private static void equal(List<String> clauses, List<Object> params, String column, String value) {
    if (value == null) return;
    clauses.add(column + " = ?");
    params.add(value);
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
