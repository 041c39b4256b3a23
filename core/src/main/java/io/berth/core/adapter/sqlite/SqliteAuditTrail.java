package io.berth.core.adapter.sqlite;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.AuditUnavailableException;
import io.berth.core.audit.ExportFormat;
import io.berth.core.audit.VerifyReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The audit trail in one SQLite file (WAL, synchronous=FULL): append-only, hash-chained, written by
 * one group-committing writer; queries, exports and verify read on their own connections.
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

  /** The newest link of the chain; keep a copy elsewhere to detect deletion of the newest records. */
  public record ChainHead(long seq, String hash) {}

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
    read(filter, limit, row -> records.add(toRecord(row)));
    return records;
  }

  @Override
  public void export(AuditFilter filter, ExportFormat format, Writer out, Predicate<AuditEntry> visible) {
    ExportWriter w = format == ExportFormat.CSV ? new CsvExportWriter(out) : new JsonLinesExportWriter(out);
    try {
      w.begin();
      read(filter, null, row -> {
        if (visible.test(toRecord(row).entry())) w.row(row);
      });
      w.end();
    } catch (IOException e) {
      throw new UncheckedIOException("audit export failed: " + e.getMessage(), e);
    }
  }

  @Override
  public VerifyReport verify() {
    try (Connection c = connect(false)) {
      return new ChainVerifier().verify(c);
    } catch (SQLException e) {
      throw failures.unavailable(e);
    }
  }

  /** The newest record's seq and hash (seq 0 and the genesis hash when empty). */
  public ChainHead head() {
    try (Connection c = connect(false); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")) {
      return rs.next() ? new ChainHead(rs.getLong(1), rs.getString(2)) : new ChainHead(0, AuditRow.GENESIS);
    } catch (SQLException e) {
      throw failures.unavailable(e);
    }
  }

  @Override
  public int closeInterrupted() {
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    long now = System.currentTimeMillis();
    try (Connection c = connect(false); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + AuditRow.COLUMNS + " FROM audit r WHERE r.outcome = 'requested'"
            + " AND NOT EXISTS (SELECT 1 FROM audit e WHERE e.request_id = r.request_id AND e.outcome <> 'requested')"
            + " ORDER BY seq")) {
      while (rs.next()) {
        AuditEntry req = toRecord(AuditRow.read(rs)).entry();
        pending.add(writer.submit(new AuditEntry(req.requestId(), Instant.ofEpochMilli(now),
            AuditOutcome.INTERRUPTED, req.berthUser(), req.source(), req.platformUserId(), req.displayName(),
            req.location(), req.commandText(), req.action(), req.target(),
            "Berth stopped before this request finished", Math.max(0, now - req.time().toEpochMilli()))));
      }
    } catch (SQLException e) {
      throw failures.unavailable(e);
    }
    for (CompletableFuture<Void> p : pending) GroupCommitWriter.await(p, () -> "closeInterrupted");
    return pending.size();
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
  private void read(AuditFilter filter, Integer limit, RowSink sink) throws AuditUnavailableException {
    FilterSql where = FilterSql.of(filter == null ? AuditFilter.ALL : filter);
    String sql = "SELECT " + AuditRow.COLUMNS + " FROM audit" + where.where() + " ORDER BY seq DESC"
        + (limit == null ? "" : " LIMIT ?");
    try (Connection c = connect(false); PreparedStatement ps = c.prepareStatement(sql)) {
      int next = where.bind(ps);
      if (limit != null) ps.setInt(next, limit);
      ps.setFetchSize(256);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) sink.accept(AuditRow.read(rs));
      }
    } catch (SQLException e) {
      throw failures.unavailable(e);
    } catch (IOException e) {
      throw new UncheckedIOException("audit export failed: " + e.getMessage(), e);
    }
  }

  private interface RowSink {
    void accept(AuditRow row) throws IOException;
  }

  private AuditRecord toRecord(AuditRow row) {
    try {
      return row.toRecord();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new AuditUnavailableException("audit database " + name + " has a malformed record at seq "
          + row.seq() + " (run `berth audit verify`): " + e.getMessage(), e);
    }
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
