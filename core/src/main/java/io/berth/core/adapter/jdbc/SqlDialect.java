package io.berth.core.adapter.jdbc;

import io.berth.core.audit.AuditRow;
import io.berth.core.audit.ChainHead;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What SQLite and PostgreSQL do differently for the audit store; everything else (rows, chain
 * linking, group commit, migrations, queries) is one JDBC implementation in this package. A dialect
 * holds no state: a store's connections, settings and schema versions stay in its own package.
 */
public sealed interface SqlDialect permits SqliteDialect, PostgresDialect {

  /**
   * Starts a write transaction that holds the store's one write lock until commit or rollback, so
   * what it reads (the chain's tail, the newest checkpoint, the schema version) is still true when
   * it writes, whichever process writes next.
   */
  void begin(Connection c) throws SQLException;

  /** Commits the transaction {@link #begin} started; returns once it is durable. */
  void commit(Connection c) throws SQLException;

  /** Rolls back, quietly: a failed statement may already have ended the transaction, or the session. */
  void rollbackQuietly(Connection c);

  /**
   * Starts a read-only transaction on a session in autocommit: every read until {@link #endRead}
   * sees the same committed state (SQLite: a deferred transaction, snapshot at the first read;
   * PostgreSQL: REPEATABLE READ, snapshot at the first statement).
   */
  void beginRead(Connection c) throws SQLException;

  /** Ends the transaction {@link #beginRead} started (nothing was written) and returns the session to autocommit. */
  void endRead(Connection c) throws SQLException;

  /** Whether {@code table} exists (files of older schema versions lack some). */
  boolean hasTable(Connection c, String table) throws SQLException;

  /** Creates the table that records applied schema versions, if missing. */
  String createSchemaVersionTable();

  /** Inserts or replaces the one health-probe row; one parameter, the time in ms. */
  String upsertProbe();

  /**
   * Whether the writer keeps every record's time within {@link AuditRows#TIME_SKEW_MS} of the
   * newest one stored, which this dialect's time filter relies on to map times to seqs.
   */
  boolean keepsTimesInOrder();

  /**
   * Whether {@link #appendOnTail} can append a whole group commit in one round trip; false where a
   * round trip costs nothing (SQLite is in-process): the writer then always locks, reads the tail,
   * inserts and commits.
   */
  boolean appendsInOneRoundTrip();

  /**
   * Appends {@code rows}, linked onto {@code expected}, in one round trip and one transaction that
   * takes the write lock first, but only if the chain's tail is still {@code expected}; returns
   * false, having written nothing, when another writer moved it (the caller then locks and reads it).
   * Returns once the rows are durable. Only where {@link #appendsInOneRoundTrip}.
   */
  boolean appendOnTail(Connection c, List<AuditRow> rows, ChainHead expected) throws SQLException;

  /** Whether a streaming read needs a transaction (pgjdbc fetches in batches only inside one). */
  boolean streamsInTransaction();

  /** A prefix that keeps a clause off every index (SQLite's unary {@code +}), or "" where the planner needs no hint. */
  String offIndex();

  /** Records at or after {@code fromMs}. */
  void from(FilterSql.Clauses where, long fromMs);

  /** Records before {@code toMs}. */
  void to(FilterSql.Clauses where, long toMs);

  /** Records whose command text, target or message contain {@code text} (not empty), ASCII case folded. */
  void text(FilterSql.Clauses where, String text);

  /** An operator's reason for {@code e} on store {@code name} (never a credential, never row values). */
  String describe(Throwable e, String name, Duration lockTimeout);

  /** Read-only, locked, unreachable, full: conditions of the host or server that may pass. */
  boolean isEnvironmental(Throwable e);

  /** The LIKE pattern for "contains {@code text}", with {@code \} as the escape character. */
  static String containsPattern(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
