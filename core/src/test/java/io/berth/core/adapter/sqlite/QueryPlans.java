package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.FilterSql;
import io.berth.core.adapter.jdbc.SqliteDialect;
import io.berth.core.audit.AuditFilter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code EXPLAIN QUERY PLAN} of the exact query the trail runs for a filter (benchmarks and plan tests). */
public final class QueryPlans {
  private QueryPlans() {}

  public static List<String> explain(Path file, AuditFilter filter, int limit) throws SQLException {
    FilterSql where = FilterSql.of(filter, SqliteDialect.INSTANCE);
    List<String> plan = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + where.select(true))) {
      int next = where.bind(ps);
      ps.setInt(next, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) plan.add(rs.getString("detail"));
      }
    }
    return plan;
  }
}
