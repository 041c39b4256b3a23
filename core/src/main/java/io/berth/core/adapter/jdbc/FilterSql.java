package io.berth.core.adapter.jdbc;

import io.berth.core.audit.AuditFilter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link AuditFilter} as a parameterised WHERE clause (values are never spliced into SQL). The
 * equality filters (user included) are the same SQL everywhere; the dialect writes time and text.
 */
public record FilterSql(String where, List<Object> params, String columns) {

  /**
   * The user filter's key, indexed in every store: the Berth user, or the platform id of an
   * identity Berth did not know (a known user's platform id does not find their records).
   */
  public static final String USER_KEY = "coalesce(berth_user, platform_user_id)";

  /** WHERE clauses being collected, each with its parameters. */
  public static final class Clauses {
    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();
    private final String offIndex;

    Clauses(String offIndex) {
      this.offIndex = offIndex;
    }

    /** Adds {@code clause} (ANDed with the others), binding {@code values} (String or Long) to its {@code ?}s. */
    public void add(String clause, Object... values) {
      clauses.add(offIndex + clause);
      params.addAll(Arrays.asList(values));
    }
  }

  public static FilterSql of(AuditFilter f, SqlDialect dialect) {
    return of(f, dialect, true);
  }

  /**
   * {@code withContext} false: the store has no {@code context} column yet (opened read-only before
   * its migration), so none of its records ran in a named context and a context filter matches none.
   */
  public static FilterSql of(AuditFilter f, SqlDialect dialect, boolean withContext) {
    // The records of given requests (folding: one command's phases) are a handful, found through
    // audit_request_id whatever else is filtered: the dialect keeps the planner off every other index
    // for the other clauses (it would rather walk a target's or a time range's rows: QueryPlanTest).
    Clauses where = new Clauses(f.requestIds() != null ? dialect.offIndex() : "");
    if (f.user() != null) where.add(USER_KEY + " = ?", f.user());
    if (f.source() != null) where.add("source = ?", f.source().id());
    if (f.action() != null) where.add("action = ?", f.action());
    if (f.target() != null) where.add("target = ?", f.target());
    if (f.context() != null) where.add(withContext ? "context = ?" : "NULL = ?", f.context());
    if (f.outcome() != null) where.add("outcome = ?", f.outcome().id());
    if (f.from() != null) dialect.from(where, f.from().toEpochMilli());
    if (f.to() != null) dialect.to(where, f.to().toEpochMilli());
    if (f.text() != null && !f.text().isEmpty()) dialect.text(where, f.text());
    if (f.beforeSeq() != null) where.add("seq < ?", f.beforeSeq());
    if (f.requestIds() != null) {
      where.clauses.add(f.requestIds().isEmpty() ? "1 = 0"
          : "request_id IN (" + "?,".repeat(f.requestIds().size() - 1) + "?)");
      where.params.addAll(f.requestIds());
    }
    return new FilterSql(where.clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", where.clauses),
        List.copyOf(where.params), AuditRows.columns(withContext));
  }

  /** The newest-first query (what the console, chat {@code audit} and exports run); {@code limited} adds a LIMIT parameter. */
  public String select(boolean limited) {
    return "SELECT " + columns + " FROM audit" + where + " ORDER BY seq DESC" + (limited ? " LIMIT ?" : "");
  }

  /** Binds the parameters from index 1; returns the next free index. */
  public int bind(PreparedStatement ps) throws SQLException {
    int i = 1;
    for (Object p : params) {
      if (p instanceof Long l) ps.setLong(i++, l);
      else ps.setString(i++, (String) p);
    }
    return i;
  }
}
