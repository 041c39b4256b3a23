package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.JdbcAuditTrail;
import io.berth.core.adapter.jdbc.SchemaMigration;
import io.berth.core.adapter.jdbc.SqliteDialect;
import io.berth.core.adapter.jdbc.StoreSessions;
import io.berth.core.audit.AuditUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * Audit storage in one SQLite file (WAL, synchronous=FULL). What is SQLite's own: the file and its
 * connections (a new one per read, read-only), the schema versions, and how its append-only
 * triggers are checked; everything else is the shared JDBC store.
 */
public final class SqliteAuditTrail extends JdbcAuditTrail {

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

  /** How long after a commit the WAL checkpointer runs: one checkpoint for the commits of that interval. */
  static final Duration CHECKPOINT_DELAY = Duration.ofMillis(200);

  /**
   * WAL frames (pages) past which a checkpoint that readers kept from completing is retried as
   * RESTART (~64 MB at 4 KiB pages; SQLite's own automatic checkpoint starts at 1,000).
   */
  static final int RESTART_FRAMES = 16_384;

  private final Path file;
  private final FileSessions fileSessions;

  private SqliteAuditTrail(Path file, Settings settings, List<SchemaMigration> migrations, Duration checkpointDelay) {
    this(FileSessions.prepare(file.toAbsolutePath(), settings, checkpointDelay), settings, migrations);
  }

  private SqliteAuditTrail(FileSessions sessions, Settings settings, List<SchemaMigration> migrations) {
    super(SqliteDialect.INSTANCE, sessions.file.toString(), sessions, migrations,
        new Options(settings.busyTimeout(), settings.maxBatch(), settings.readOnly()));
    this.file = sessions.file;
    this.fileSessions = sessions;
    sessions.committed(); // index what an earlier process left unindexed (and checkpoint), soon after opening
  }

  /**
   * What opening any file costs whichever file it is, done now (for a caller with a spare core, before it knows the
   * file): sqlite-jdbc's connection settings build its date formats, which initialise the JDK's calendar and locale
   * data (~25 ms of a one-shot CLI call, docs/benchmarks.md). Nothing is opened.
   */
  public static void warmUp() {
    new SQLiteConfig();
  }

  /** Opens (creating when missing) the trail at {@code file} with default settings. */
  public static SqliteAuditTrail open(Path file) {
    return open(file, Settings.DEFAULTS);
  }

  public static SqliteAuditTrail open(Path file, Settings settings) {
    return new SqliteAuditTrail(file, settings, SqliteSchema.ALL, CHECKPOINT_DELAY);
  }

  /** For tests: the WAL checkpointer waits {@code checkpointDelay} after a commit. */
  static SqliteAuditTrail open(Path file, Settings settings, Duration checkpointDelay) {
    return new SqliteAuditTrail(file, settings, SqliteSchema.ALL, checkpointDelay);
  }

  /** For upgrade tests: opens with only the first {@code migrations}. */
  static SqliteAuditTrail open(Path file, Settings settings, List<SchemaMigration> migrations) {
    return new SqliteAuditTrail(file, settings, migrations, CHECKPOINT_DELAY);
  }

  /** WAL checkpoints run (off the commit path) since this store opened. */
  public long walCheckpoints() {
    return fileSessions.checkpointer == null ? 0 : fileSessions.checkpointer.checkpoints();
  }

  public Path file() {
    return file;
  }

  @Override
  public List<String> storageProblems() {
    return withSession(c -> {
      List<String> problems = new ArrayList<>();
      List<String> triggers = new ArrayList<>(List.of("audit_no_update", "audit_no_delete"));
      boolean v3 = dialect.hasTable(c, "checkpoint");
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
    });
  }

  /**
   * The file's connections: a new one each time (opening a local file costs microseconds), closed
   * after use; writers never checkpoint the WAL in their commits, the checkpointer does.
   */
  private static final class FileSessions implements StoreSessions {
    private final Path file;
    private final Settings settings;
    private final WalCheckpointer checkpointer; // null when read-only

    private FileSessions(Path file, Settings settings, Duration checkpointDelay) {
      this.file = file;
      this.settings = settings;
      this.checkpointer = settings.readOnly() ? null
          : new WalCheckpointer(() -> connect(true), checkpointDelay, RESTART_FRAMES, file.getFileName().toString());
    }

    /** Creates the directory (unless read-only) and unpacks the native library before the first connection. */
    static FileSessions prepare(Path file, Settings settings, Duration checkpointDelay) {
      if (!settings.readOnly() && file.getParent() != null) {
        try {
          Files.createDirectories(file.getParent());
        } catch (IOException e) {
          throw new AuditUnavailableException("cannot create the audit directory " + file.getParent() + ": "
              + e.getMessage(), e);
        }
      }
      SqliteNativeLibrary.keepIn(file.getParent());
      return new FileSessions(file, settings, checkpointDelay);
    }

    @Override
    public Connection openWriter() throws SQLException {
      return connect(true);
    }

    @Override
    public Connection borrow(boolean write) throws SQLException {
      return connect(write);
    }

    @Override
    public void release(Connection c, boolean healthy) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing was pending on it
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
      Connection c = cfg.createConnection("jdbc:sqlite:" + file);
      if (forWrite && !settings.readOnly()) {
        try (Statement st = c.createStatement()) {
          st.execute("PRAGMA wal_autocheckpoint = 0"); // no commit checkpoints: WalCheckpointer does
        } catch (SQLException e) {
          c.close();
          throw e;
        }
      }
      return c;
    }

    @Override
    public void committed() {
      if (checkpointer != null) checkpointer.committed();
    }

    @Override
    public void close() {
      if (checkpointer != null) checkpointer.close(); // then the writer's close, the last, checkpoints the rest
    }
  }
}
