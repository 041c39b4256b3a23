package io.berth.app;

import io.berth.bot.ChatPlatforms;
import io.berth.core.config.BerthConfig;
import io.berth.core.config.ConfigException;
import io.berth.core.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE} for every subcommand: default {@code $BERTH_CONFIG}, else {@code config/berth.yml}. */
final class ConfigOption {
  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: $BERTH_CONFIG or config/berth.yml).")
  Path file;

  Path path() {
    if (file != null) return file;
    String env = System.getenv("BERTH_CONFIG");
    return Path.of(env != null && !env.isBlank() ? env : "config/berth.yml");
  }

  /**
   * Loads the file with every chat platform's section (bound and checked by its own module); a
   * missing default file means "all defaults", a missing named file is an error.
   */
  BerthConfig load() {
    Path p = path();
    try {
      if (!Files.exists(p) && file == null && System.getenv("BERTH_CONFIG") == null) {
        return ConfigLoader.parse("{}", System.getenv(), ChatPlatforms.SETTINGS);
      }
      return ConfigLoader.load(p, System.getenv(), ChatPlatforms.SETTINGS);
    } catch (ConfigException e) {
      throw new UserFacingException("invalid configuration " + p + ": " + e.getMessage(), 2);
    }
  }
}
