package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.AuditRows;
import io.berth.core.audit.AuditRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;
import org.sqlite.SQLiteConfig;

/**
 * Fills a fresh audit database with a realistic, validly chained history fast (one transaction,
 * one prepared statement): commands as the core writes them (a {@code requested} record and its
 * closing one, a denial alone), 40 users, four platforms, 18 actions, 2,000 containers, three
 * contexts (prod 60 %, staging 30 %, edge 10 %; none for {@code audit}, which asks no engine), outcomes
 * mostly successes, times a few seconds apart. Deterministic for a seed, so benchmarks and tests
 * can name values that are there ({@link #USER}, {@link #TARGET}, …).
 */
public final class MillionRows {
  public static final String USER = "user07";
  public static final String ACTION = "restart";
  public static final String TARGET = "svc-0123";
  public static final String SOURCE = "discord";
  /** The rarest of the three contexts (about 1 command in 10). */
  public static final String CONTEXT = "edge";
  /** A word in about 1 in 100 failure messages. */
  public static final String RARE_TEXT = "timeout";
  public static final long START_MS = 1_735_689_600_000L; // 2025-01-01T00:00:00Z

  static final String[] ACTIONS = {"ps", "ps", "ps", "logs", "logs", "inspect", "restart", "stop", "start", "rm",
      "run", "exec", "pull", "images", "stats", "top", "kill", "audit", "cp", "network"};
  private static final String[] SOURCES = {"slack", "slack", "slack", "slack", "web", "web", "web", "discord",
      "discord", "cli"};
  private static final String[] CONTEXTS = {"prod", "prod", "prod", "prod", "prod", "prod", "staging", "staging",
      "staging", CONTEXT};
  private static final String[] FAILURES = {"engine: No such container", "engine: container is not running",
      "engine: port is already allocated", "scope: not in your scope"};

  private MillionRows() {}

  /** Creates (schema via {@link SqliteAuditTrail}) and fills {@code file} with {@code records} rows; returns the last time_ms. */
  public static long fill(Path file, int records, long seed) throws SQLException {
    SqliteAuditTrail.open(file).close(); // schema, current migrations
    Random rnd = new Random(seed);
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
    try (Connection c = cfg.createConnection("jdbc:sqlite:" + file)) {
      try (var st = c.createStatement()) {
        st.execute("PRAGMA cache_size = -262144"); // 256 MB: index pages stay in memory, no thrashing
      }
      c.setAutoCommit(false);
      long time = START_MS;
      String prev = AuditRow.GENESIS;
      long seq = 0;
      int command = 0;
      try (PreparedStatement ps = c.prepareStatement(AuditRows.INSERT)) {
        while (seq < records) {
          command++;
          String id = "req-" + command;
          int u = rnd.nextInt(40);
          String user = String.format("user%02d", u);
          String platformId = String.format("U%05d", u);
          String source = SOURCES[rnd.nextInt(SOURCES.length)];
          String action = ACTIONS[rnd.nextInt(ACTIONS.length)];
          boolean container = !action.equals("ps") && !action.equals("images") && !action.equals("audit")
              && !action.equals("pull") && !action.equals("network");
          String target = container ? String.format("svc-%04d", rnd.nextInt(2000)) : action.equals("pull") ? "nginx:1."
              + rnd.nextInt(30) : null;
          String text = action + (target == null ? (action.equals("ps") ? " -a" : "") : " " + target);
          int o = rnd.nextInt(100);
          String outcome = o < 85 ? "succeeded" : o < 93 ? "failed" : o < 98 ? "denied" : "confirmation_required";
          time += 1 + rnd.nextInt(3000);
          String where = source.equals("cli") ? "local" : "#ops-" + rnd.nextInt(5);
          String context = action.equals("audit") ? null : CONTEXTS[rnd.nextInt(CONTEXTS.length)];
          if (!outcome.equals("denied")) {
            AuditRow r = AuditRow.link(++seq, new io.berth.core.audit.AuditEntry(id, java.time.Instant.ofEpochMilli(time),
                io.berth.core.audit.AuditOutcome.REQUESTED, user, io.berth.core.model.Source.of(source), platformId,
                "User " + u, where, text, action, target, null, null, context), prev);
            AuditRows.bind(ps, r);
            ps.addBatch();
            prev = r.hash();
            if (seq >= records) break;
          }
          long duration = outcome.equals("succeeded") || outcome.equals("failed") ? 5 + rnd.nextInt(2000) : 0;
          String message = switch (outcome) {
            case "succeeded" -> container ? "done: " + target : "listed " + rnd.nextInt(300) + " items";
            case "failed" -> rnd.nextInt(100) == 0 ? "engine: " + RARE_TEXT + " waiting for the engine"
                : FAILURES[rnd.nextInt(FAILURES.length)] + (target == null ? "" : " " + target);
            case "denied" -> "role viewer may not " + action;
            default -> action + " " + target + " needs confirmation";
          };
          AuditRow r = AuditRow.link(++seq, new io.berth.core.audit.AuditEntry(id, java.time.Instant.ofEpochMilli(time
              + duration), io.berth.core.audit.AuditOutcome.fromId(outcome), user, io.berth.core.model.Source.of(source),
              platformId, "User " + u, where, text, action, target, message, duration, context), prev);
          AuditRows.bind(ps, r);
          ps.addBatch();
          prev = r.hash();
          if (seq % 10_000 == 0) ps.executeBatch();
        }
        ps.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      TextIndexer.catchUp(c); // what the store's own thread would do soon after opening
      return time;
    }
  }
}
