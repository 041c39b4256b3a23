package io.berth.core.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Audit checkpoints and witnesses. {@code signingKeyFile} null means {@code <data.dir>/audit-signing.key};
 * {@code witnessFile} null means no file witness.
 */
public record AuditSettings(Path signingKeyFile, int checkpointEvery, Duration checkpointInterval, Path witnessFile) {
  public static final AuditSettings DEFAULTS = new AuditSettings(null, 1000, Duration.ofSeconds(60), null);

  /** The key file: configured, else next to the audit database. */
  public Path signingKeyFile(DataSettings data) {
    return signingKeyFile != null ? signingKeyFile : data.dir().resolve("audit-signing.key");
  }
}
