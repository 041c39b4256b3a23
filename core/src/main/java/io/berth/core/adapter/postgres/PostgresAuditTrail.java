package io.berth.core.adapter.postgres;

import io.berth.core.adapter.jdbc.SchemaMigration;
import io.berth.core.adapter.jdbc.JdbcAuditTrail;
import io.berth.core.adapter.jdbc.PostgresDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Audit storage in PostgreSQL, for teams that run more than one Berth against one trail. What is
 * PostgreSQL's own: its sessions (a small pool, every one committing durably), its schema versions,
 * and how its append-only triggers are checked; everything else is the shared JDBC store, whose
 * every write transaction takes the append lock ({@link PostgresDialect#APPEND_LOCK}) and reads the
 * chain's tail under it, so any number of processes build one linear chain.
 */
public final class PostgresAuditTrail extends JdbcAuditTrail {
  /**
   * @param url {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?…]} without credentials in it
   * @param user the role to log in as (null: the driver's default)
   * @param lockTimeout how long a write waits for another writer's lock before failing closed
   * @param maxBatch most records committed in one transaction
   * @param readOnly open for queries/verify/export only (every append fails)
   */
  public record Settings(String url, String user, Duration lockTimeout, int maxBatch, boolean readOnly) {
    public Settings {
      Objects.requireNonNull(url, "url");
      if (!url.startsWith("jdbc:postgresql:")) throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
      Objects.requireNonNull(lockTimeout, "lockTimeout");
      if (lockTimeout.isNegative() || lockTimeout.isZero()) throw new IllegalArgumentException("lockTimeout must be positive");
      if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1");
    }

    public static Settings of(String url, String user) {
      return new Settings(url, user, Duration.ofSeconds(5), 1000, false);
    }

    public Settings withReadOnly(boolean ro) {
      return new Settings(url, user, lockTimeout, maxBatch, ro);
    }

    public Settings withMaxBatch(int max) {
      return new Settings(url, user, lockTimeout, max, readOnly);
    }
  }

  /** Every guard the schema installs, by name, on its table. */
  private static final Map<String, String> TRIGGERS = triggers();

  private PostgresAuditTrail(Settings settings, String password, List<SchemaMigration> migrations) {
    super(PostgresDialect.INSTANCE, settings.url(),
        new PostgresConnections(settings.url(), settings.user(), password, settings.lockTimeout()), migrations,
        new Options(settings.lockTimeout(), settings.maxBatch(), settings.readOnly()));
  }

  /** For upgrade tests: opens with only the first {@code migrations}. */
  static PostgresAuditTrail open(Settings settings, String password, List<SchemaMigration> migrations) {
    return new PostgresAuditTrail(settings, password, migrations);
  }

  /**
   * Opens the trail at {@code settings.url()}, creating or upgrading its tables unless read-only.
   * {@code password} (null: none) comes from the environment or a file, never from the YAML.
   */
  public static PostgresAuditTrail open(Settings settings, String password) {
    return new PostgresAuditTrail(settings, password, PostgresSchema.ALL);
  }

  @Override
  public List<String> storageProblems() {
    return withSession(c -> {
      List<String> problems = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT t.tgenabled, p.proname, p.prosrc FROM pg_trigger t "
          + "JOIN pg_proc p ON p.oid = t.tgfoid WHERE t.tgname = ? AND t.tgrelid = to_regclass(?) AND NOT t.tgisinternal")) {
        for (Map.Entry<String, String> trigger : TRIGGERS.entrySet()) {
          String tg = trigger.getKey();
          ps.setString(1, tg);
          ps.setString(2, trigger.getValue());
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              problems.add("append-only trigger " + tg + " is missing (dropped outside Berth)");
              continue;
            }
            boolean deleteGuard = tg.equals("audit_no_delete");
            String expectedFunction = deleteGuard ? "berth_audit_no_delete" : "berth_append_only";
            String expectedBody = deleteGuard ? V1PostgresAuditSchema.AUDIT_NO_DELETE_BODY
                : V1PostgresAuditSchema.APPEND_ONLY_BODY;
            if (!"O".equals(rs.getString(1))) {
              // 'D' disabled, 'R'/'A' changed to fire by replication role: not guarding ordinary sessions as built
              problems.add("append-only trigger " + tg + " was disabled outside Berth");
            } else if (!expectedFunction.equals(rs.getString(2)) || !expectedBody.equals(rs.getString(3))) {
              problems.add("append-only trigger " + tg + " was replaced outside Berth");
            }
          }
        }
      }
      return problems;
    });
  }

  private static Map<String, String> triggers() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String table : new String[] {"audit", "checkpoint", "archived"}) {
      for (String op : new String[] {"update", "delete", "truncate"}) out.put(table + "_no_" + op, table);
    }
    return out;
  }

}
