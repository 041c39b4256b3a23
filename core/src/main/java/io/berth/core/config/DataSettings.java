package io.berth.core.config;

import java.nio.file.Path;

/** The data directory: audit database ({@code <dir>/audit.db}), generated keys, bootstrap files. */
public record DataSettings(Path dir) {
  public static final DataSettings DEFAULTS = new DataSettings(Path.of("data"));

  public Path auditDb() {
    return dir.resolve("audit.db");
  }
}
