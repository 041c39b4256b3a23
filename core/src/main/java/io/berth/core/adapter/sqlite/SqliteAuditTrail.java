package io.berth.core.adapter.sqlite;

import io.berth.core.audit.ArchivedRange;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditRowSink;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.AuditUnavailableException;
import io.berth.core.audit.ChainHead;
import io.berth.core.audit.Checkpoint;
import io.berth.core.audit.CheckpointSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Audit storage in one SQLite file (WAL, synchronous=FULL): rows, checkpoints and archived ranges,
 * written by one group-committing writer (records) or short write transactions (checkpoints,
 * prunes); reads on their own connections. The chain, verification and exports are the core's
 * ({@code io.berth.core.audit}); this class only stores.
 */
public final class SqliteAuditTrail implements AuditTrail {
  private static final Logger log = LoggerFactory.getLogger(SqliteAuditTrail.class);

  /**
   * @param busyTimeout how long a write waits for another process's lock before failing closed
   * @param maxBatch most records committed in one transaction
   * @param readOnly open for queries/verify/export only (every append fails)
   */
  public record Settings(Duration busyTimeout, int maxBatch, boolean readOnly) {
    public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(5), 1000, false);

    public Settings {
      Objects.requireNonNull(busyTimeout, "busyTimeout");
      if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("busyTimeout out of range: " + busyTimeout);
      }
      if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1");
    }

    public Settings withBusyTimeout(Duration timeout) {
      return new Settings(timeout, maxBatch, readOnly);
    }

    public Settings withReadOnly(boolean ro) {
      return new Settings(busyTimeout, maxBatch, ro);
    }
  }

  private final Path file;
  private final String name;
  private final Settings settings;
  private final SqliteFailures failures;
  private final GroupCommitWriter writer;
  private final SchemaMigrator migrator;
  private volatile boolean migrated;

  private SqliteAuditTrail(Path file, Settings settings, List<SchemaMigration> migrations) {
    this.file = file.toAbsolutePath();
    this.name = file.toString();
    this.settings = settings;
    this.failures = new SqliteFailures(name, settings.busyTimeout());
    this.migrator = new SchemaMigrator(migrations);
    if (!settings.readOnly()) createParentDirectory();
    SqliteNativeLibrary.keepIn(this.file.getParent());
    try (Connection c = connect(true)) {
      migrator.migrate(c, name);
      migrated = true;
    } catch (SQLException e) {
      if (!SqliteFailures.isEnvironmental(e)) throw failures.unavailable(e);
      // Start anyway: reads may work, every append fails closed with the reason, and the first
      // append after the cause is fixed finishes the migration.
      log.error("{}; commands that change anything will be refused until it can be written", failures.describe(e));
    }
    this.writer = new GroupCommitWriter(this::writerConnection, failures, settings.maxBatch(), name);
  }

  private Connection writerConnection() throws SQLException {
    Connection c = connect(true);
    if (!migrated) {
      try {
        migrator.migrate(c, name);
        migrated = true;
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    }
    return c;
  }

  /** Opens (creating when missing) the trail at {@code file} with default settings. */
  public static SqliteAuditTrail open(Path file) {
    return open(file, Settings.DEFAULTS);
  }

  public static SqliteAuditTrail open(Path file, Settings settings) {
    return new SqliteAuditTrail(file, settings, SchemaMigrator.ALL);
  }

  /** For upgrade tests: opens with only the first {@code migrations}. */
  static SqliteAuditTrail open(Path file, Settings settings, List<SchemaMigration> migrations) {
    return new SqliteAuditTrail(file, settings, migrations);
  }

  public Path file() {
    return file;
  }

  @Override
  public void append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    writer.appendAndWait(entry);
  }

  @Override
  public List<AuditRecord> query(AuditFilter filter, int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
    List<AuditRecord> records = new ArrayList<>();
    read(filter, limit, row -> records.add(row.toRecord()));
    return records;
  }

  @Override
  public void scan(AuditFilter filter, AuditRowSink sink) {
    read(filter, null, sink);
  }

  @Override
  public void replay(long fromSeq, long toSeq, AuditRowSink sink) {
    try (Connection c = connect(false); PreparedStatement ps = c.prepareStatement(
        "SELECT " + AuditRows.COLUMNS + " FROM audit WHERE seq BETWEEN ? AND ? ORDER BY seq")) {
      ps.setLong(1, fromSeq);
      ps.setLong(2, toSeq);
      ps.setFetchSize(256);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) sink.accept(AuditRows.read(rs));
      }
    } catch (SQLException e) {
      throw failures.unavailable(e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the audit trail failed: " + e.getMessage(), e);
    }
  }

  @Override
  public ChainHead head() {
    try (Connection c = connect(false)) {
      return AuditRows.tail(c);
    } catch (SQLException e) {
      throw failures.unavailable(e);
    }
  }

  @Override
  public Optional<Checkpoint> checkpoint(CheckpointSigner signer) {
    if (settings.readOnly()) throw new AuditUnavailableException("audit database " + name + " is open read-only", null);
    try (Connection c = writerConnection()) {
      return ImmediateTransaction.run(c, tx -> {
        ChainHead head = AuditRows.tail(tx);
        Checkpoint last = lastCheckpoint(tx);
        if (last != null && last.seq() == head.seq() && last.headHash().equals(head.hash())) return Optional.empty();
        Checkpoint cp = signer.sign(head, Instant.now(), last);
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO checkpoint "
            + "(seq, head_hash, time_ms, prev_signature_hash, signature) VALUES (?,?,?,?,?)")) {
          ps.setLong(1, cp.seq());
          ps.setString(2, cp.headHash());
          ps.setLong(3, cp.time().toEpochMilli());
          ps.setString(4, cp.prevSignatureHash());
          ps.setString(5, cp.signature());
          ps.executeUpdate();
        }
        return Optional.of(cp);
      });
    } catch (SQLException e) {
      throw failures.unavailable(e);
    }
  }

  private static Checkpoint lastCheckpoint(Connection c) throws SQLException {
    List<Checkpoint> all = checkpoints(c, " ORDER BY id DESC LIMIT 1");
    return all.isEmpty() ? null : all.get(0);
  }

  @Override
  public List<Checkpoint> checkpoints() {
    try (Connection c = connect(false)) {
      return checkpoints(c, " ORDER BY id");
    } catch (SQLException e) {
      throw failures.unavailable(e);
    }
  }

  private static List<Checkpoint> checkpoints(Connection c, String order) throws SQLException {
    List<Checkpoint> out = new ArrayList<>();
    if (!AuditRows.tableExists(c, "checkpoint")) return out; // a v2 file not yet migrated
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT seq, head_hash, time_ms, prev_signature_hash, signature FROM checkpoint" + order)) {
      while (rs.next()) {
        out.add(new Checkpoint(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
            rs.getString(4), rs.getString(5)));
      }
    }
    return out;
  }

  @Override
  public List<ArchivedRange> archived() {
    List<ArchivedRange> out = new ArrayList<>();
    try (Connection c = connect(false)) {
      if (!AuditRows.tableExists(c, "archived")) return out;
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT first_seq, through_seq, "
          + "last_hash, segment, segment_sha256, time_ms FROM archived ORDER BY through_seq")) {
        while (rs.next()) {
          out.add(new ArchivedRange(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
              Instant.ofEpochMilli(rs.getLong(6))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failures.unavailable(e);
    }
  }

  @Override
  public void pruneArchived(ArchivedRange range) {
    if (settings.readOnly()) throw new AuditUnavailableException("audit database " + name + " is open read-only", null);
    try (Connection c = writerConnection()) {
      ImmediateTransaction.run(c, tx -> {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO archived "
            + "(through_seq, first_seq, last_hash, segment, segment_sha256, time_ms) VALUES (?,?,?,?,?,?)")) {
          ps.setLong(1, range.throughSeq());
          ps.setLong(2, range.firstSeq());
          ps.setString(3, range.lastHash());
          ps.setString(4, range.segment());
          ps.setString(5, range.segmentSha256());
          ps.setLong(6, range.time().toEpochMilli());
          ps.executeUpdate();
        }
        // the trigger allows exactly this: rows at or below the boundary just recorded
        try (PreparedStatement ps = tx.prepareStatement("DELETE FROM audit WHERE seq BETWEEN ? AND ?")) {
          ps.setLong(1, range.firstSeq());
          ps.setLong(2, range.throughSeq());
          ps.executeUpdate();
        }
        return Optional.of(range);
      });
    } catch (SQLException e) {
      throw failures.unavailable(e);
    }
  }

  @Override
  public List<AuditRecord> unfinished() {
    List<AuditRecord> out = new ArrayList<>();
    try (Connection c = connect(false); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + AuditRows.COLUMNS + " FROM audit r WHERE r.outcome = 'requested'"
            + " AND NOT EXISTS (SELECT 1 FROM audit e WHERE e.request_id = r.request_id AND e.seq > r.seq"
            + " AND e.outcome IN ('succeeded', 'failed', 'interrupted'))"
            + " ORDER BY seq")) {
      while (rs.next()) out.add(AuditRows.read(rs).toRecord());
      return out;
    } catch (SQLException e) {
      throw failures.unavailable(e);
    }
  }

  @Override
  public List<String> storageProblems() {
    List<String> problems = new ArrayList<>();
    try (Connection c = connect(false); Statement st = c.createStatement()) {
      List<String> triggers = new ArrayList<>(List.of("audit_no_update", "audit_no_delete"));
      boolean v3 = AuditRows.tableExists(c, "checkpoint");
      if (v3) triggers.addAll(List.of("checkpoint_no_update", "checkpoint_no_delete", "archived_no_update",
          "archived_no_delete"));
      for (String trigger : triggers) {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?")) {
          ps.setString(1, trigger);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              problems.add("append-only trigger " + trigger + " is missing (dropped outside Berth)");
            } else if (v3 && trigger.equals("audit_no_delete")
                && !V3CheckpointsAndArchive.AUDIT_NO_DELETE.equals(rs.getString(1))) {
              problems.add("append-only trigger audit_no_delete was replaced outside Berth");
            }
          }
        }
      }
      return problems;
    } catch (SQLException e) {
      throw failures.unavailable(e);
    }
  }

  @Override
  public boolean writable() {
    if (settings.readOnly() || writer.lastAppendFailed()) return false;
    try {
      writer.submit(null).get(settings.busyTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    writer.close();
  }

  /** Streams matching rows newest first to {@code sink} through one cursor. */
  private void read(AuditFilter filter, Integer limit, AuditRowSink sink) throws AuditUnavailableException {
    FilterSql where = FilterSql.of(filter == null ? AuditFilter.ALL : filter);
    try (Connection c = connect(false); PreparedStatement ps = c.prepareStatement(selectSql(where, limit != null))) {
      int next = where.bind(ps);
      if (limit != null) ps.setInt(next, limit);
      ps.setFetchSize(256);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) sink.accept(AuditRows.read(rs));
      }
    } catch (SQLException e) {
      throw failures.unavailable(e);
    } catch (IOException e) {
      throw new UncheckedIOException("audit export failed: " + e.getMessage(), e);
    }
  }

  /** The newest-first query for {@code where} (what the console, chat {@code audit} and exports run). */
  static String selectSql(FilterSql where, boolean limited) {
    return "SELECT " + AuditRows.COLUMNS + " FROM audit" + where.where() + " ORDER BY seq DESC"
        + (limited ? " LIMIT ?" : "");
  }

  private Connection connect(boolean forWrite) throws SQLException {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setBusyTimeout((int) settings.busyTimeout().toMillis());
    if (forWrite && !settings.readOnly()) {
      cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
      cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    } else {
      cfg.setReadOnly(true);
    }
    return cfg.createConnection("jdbc:sqlite:" + file);
  }

  private void createParentDirectory() {
    Path parent = file.getParent();
    if (parent == null) return;
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new AuditUnavailableException("cannot create the audit directory " + parent + ": " + e.getMessage(), e);
    }
  }
}
