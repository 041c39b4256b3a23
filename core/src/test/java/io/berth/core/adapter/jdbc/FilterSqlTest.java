package io.berth.core.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.model.Source;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One filter builder, two dialects: the SQL each store runs is pinned here, character for character
 * (the SQLite text is what QueryPlanTest's plans rest on; both are what the stores ran before they
 * shared this class).
 */
class FilterSqlTest {
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final AuditFilter EVERY_FILTER = new AuditFilter("alice", Source.SLACK, "rm", "web",
      AuditOutcome.FAILED, FROM, FROM.plusSeconds(3600), "timeout", 42L).inContext("prod");

  @Test
  void sqliteMatchesTheUserKeyMapsTimesToSeqsAndFindsTextThroughTheTrigramIndex() {
    FilterSql sql = FilterSql.of(EVERY_FILTER, SqliteDialect.INSTANCE);
    assertThat(sql.where()).isEqualTo(" WHERE coalesce(berth_user, platform_user_id) = ? AND source = ? AND action = ?"
        + " AND target = ? AND context = ? AND outcome = ? AND seq > coalesce((SELECT seq FROM audit WHERE time_ms < ? ORDER BY time_ms"
        + " DESC LIMIT 1), 0) AND +time_ms >= ? AND seq < coalesce((SELECT seq FROM audit WHERE time_ms >= ? ORDER BY"
        + " time_ms LIMIT 1), 9223372036854775807) AND +time_ms < ? AND seq IN (SELECT rowid FROM audit_text WHERE"
        + " audit_text MATCH ? UNION ALL SELECT seq FROM audit WHERE seq > (SELECT through_seq FROM audit_text_indexed))"
        + " AND (command_text LIKE ? ESCAPE '\\' OR target LIKE ? ESCAPE '\\' OR message LIKE ?"
        + " ESCAPE '\\') AND seq < ?");
    assertThat(sql.params()).containsExactly("alice", "slack", "rm", "web", "prod", "failed", 1767225540000L, 1767225600000L,
        1767229260000L, 1767229200000L, "\"tim\" AND \"ime\" AND \"meo\" AND \"eou\" AND \"out\"", "%timeout%",
        "%timeout%", "%timeout%", 42L);
  }

  @Test
  void postgresMatchesTheSameUserKeyComparesTimesAndMatchesTextWithIlike() {
    FilterSql sql = FilterSql.of(EVERY_FILTER, PostgresDialect.INSTANCE);
    assertThat(sql.where()).isEqualTo(" WHERE coalesce(berth_user, platform_user_id) = ? AND source = ? AND action = ?"
        + " AND target = ? AND context = ? AND outcome = ? AND time_ms >= ? AND time_ms < ? AND (command_text ILIKE ? ESCAPE '\\' OR"
        + " target ILIKE ? ESCAPE '\\' OR message ILIKE ? ESCAPE '\\') AND seq < ?");
    assertThat(sql.params()).containsExactly("alice", "slack", "rm", "web", "prod", "failed", 1767225600000L,
        1767229200000L, "%timeout%", "%timeout%", "%timeout%", 42L);
  }

  @Test
  void noFilterIsNoWhereClauseAndShortTextsSkipTheTrigramIndex() {
    assertThat(FilterSql.of(AuditFilter.ALL, SqliteDialect.INSTANCE)).isEqualTo(new FilterSql("", List.of(), AuditRows.COLUMNS));
    AuditFilter twoLetters = new AuditFilter(null, null, null, null, null, null, null, "a%", null);
    assertThat(FilterSql.of(twoLetters, SqliteDialect.INSTANCE).where())
        .isEqualTo(" WHERE (command_text LIKE ? ESCAPE '\\' OR target LIKE ? ESCAPE '\\' OR message LIKE ? ESCAPE '\\')");
    assertThat(FilterSql.of(twoLetters, SqliteDialect.INSTANCE).params()).containsOnly("%a\\%%");
  }

  /** A store opened read-only before its migration added the column: its records ran in no named context. */
  @Test
  void withoutTheContextColumnTheContextFilterMatchesNothingAndReadsNull() {
    FilterSql sql = FilterSql.of(AuditFilter.ALL.inContext("prod"), SqliteDialect.INSTANCE, false);
    assertThat(sql.where()).isEqualTo(" WHERE NULL = ?");
    assertThat(sql.select(false)).contains("duration_ms, NULL AS context, prev_hash");
    assertThat(FilterSql.of(AuditFilter.ALL.inContext("prod"), SqliteDialect.INSTANCE).select(false))
        .contains("duration_ms, context, prev_hash").endsWith(" WHERE context = ? ORDER BY seq DESC");
  }
}
