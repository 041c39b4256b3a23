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
    if (f.user() != null) {
      // Unknown identities have no Berth user: let their platform id find them too.
      clauses.add("(berth_user = ? OR platform_user_id = ?)");
      params.add(f.user());
      params.add(f.user());
    }
    if (f.source() != null) {
      clauses.add("source = ?");
      params.add(f.source().id());
    }
    if (f.action() != null) {
      clauses.add("action = ?");
      params.add(f.action());
    }
    if (f.target() != null) {
      clauses.add("target = ?");
      params.add(f.target());
    }
    if (f.outcome() != null) {
      clauses.add("outcome = ?");
      params.add(f.outcome().id());
    }
    if (f.from() != null) {
      clauses.add("time_ms >= ?");
      params.add(f.from().toEpochMilli());
    }
    if (f.to() != null) {
      clauses.add("time_ms < ?");
      params.add(f.to().toEpochMilli());
    }
    if (f.text() != null && !f.text().isEmpty()) {
      clauses.add("(command_text LIKE ? ESCAPE '\\' OR target LIKE ? ESCAPE '\\' OR message LIKE ? ESCAPE '\\')");
      String pattern = "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      params.add(pattern);
      params.add(pattern);
      params.add(pattern);
    }
    if (f.beforeSeq() != null) {
      clauses.add("seq < ?");
      params.add(f.beforeSeq());
    }
    return new FilterSql(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
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
