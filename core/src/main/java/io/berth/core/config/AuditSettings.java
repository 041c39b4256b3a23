package io.berth.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Audit store, checkpoints and witnesses. {@code signingKeyFile} null means {@code <data.dir>/audit-signing.key};
 * {@code witnessFile} null means no file witness; {@code store} picks SQLite ({@code data.dir}/audit.db)
 * or the PostgreSQL database {@code postgres} names; {@code chatWitnesses} are the chat channels each
 * checkpoint is also posted to ({@code audit.witness.chat}).
 */
public record AuditSettings(Path signingKeyFile, int checkpointEvery, Duration checkpointInterval, Path witnessFile,
    Store store, PostgresStore postgres, List<ChatWitness> chatWitnesses, RecordingSettings recordings) {
  public static final AuditSettings DEFAULTS = new AuditSettings(null, 1000, Duration.ofSeconds(60), null);

  /** Where the trail lives. */
  public enum Store { SQLITE, POSTGRES }

  /**
   * The PostgreSQL store: a JDBC URL without credentials, the login role, its password (env or file,
   * never the YAML), and how long an append waits for another Berth's lock before failing closed.
   */
  public record PostgresStore(String url, String user, Secret password, Duration lockTimeout) {
    public static final String PASSWORD_ENV = "BERTH_AUDIT_PG_PASSWORD";
    public static final PostgresStore DEFAULTS =
        new PostgresStore(null, "berth", Secret.ref(PASSWORD_ENV, null), Duration.ofSeconds(5));

    public PostgresStore {
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(lockTimeout, "lockTimeout");
    }
  }

  /**
   * A chat channel that receives every checkpoint. {@code platform} is a chat platform's name as
   * its callers carry it (slack, discord, …): the core does not know which exist; the launcher
   * hands the entry to that platform's bot.
   */
  public record ChatWitness(String platform, String channel) {
    public ChatWitness {
      Objects.requireNonNull(platform, "platform");
      Objects.requireNonNull(channel, "channel");
    }
  }

  /**
   * {@code audit.recordings}: where interactive sessions are recorded ({@code dir} null: {@code <data.dir>/recordings},
   * beside the audit trail) and each recording's size cap.
   */
  public record RecordingSettings(Path dir, long maxBytes) {
    public static final RecordingSettings DEFAULTS = new RecordingSettings(null, 16L << 20);

    /** The directory: configured, else beside the audit database. */
    public Path dir(DataSettings data) {
      return dir != null ? dir : data.dir().resolve("recordings");
    }
  }

  public AuditSettings(Path signingKeyFile, int checkpointEvery, Duration checkpointInterval, Path witnessFile,
      Store store, PostgresStore postgres, List<ChatWitness> chatWitnesses) {
    this(signingKeyFile, checkpointEvery, checkpointInterval, witnessFile, store, postgres, chatWitnesses,
        RecordingSettings.DEFAULTS);
  }

  public AuditSettings {
    Objects.requireNonNull(store, "store");
    recordings = recordings == null ? RecordingSettings.DEFAULTS : recordings;
    Objects.requireNonNull(postgres, "postgres");
    chatWitnesses = chatWitnesses == null ? List.of() : List.copyOf(chatWitnesses);
  }

  /** No chat witnesses. */
  public AuditSettings(Path signingKeyFile, int checkpointEvery, Duration checkpointInterval, Path witnessFile,
      Store store, PostgresStore postgres) {
    this(signingKeyFile, checkpointEvery, checkpointInterval, witnessFile, store, postgres, List.of());
  }

  /** SQLite, with the given checkpoint and witness settings. */
  public AuditSettings(Path signingKeyFile, int checkpointEvery, Duration checkpointInterval, Path witnessFile) {
    this(signingKeyFile, checkpointEvery, checkpointInterval, witnessFile, Store.SQLITE, PostgresStore.DEFAULTS);
  }

  /** The key file: configured, else next to the audit database. */
  public Path signingKeyFile(DataSettings data) {
    return signingKeyFile != null ? signingKeyFile : data.dir().resolve("audit-signing.key");
  }
}
