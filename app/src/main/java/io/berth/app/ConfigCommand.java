package io.berth.app;

import io.berth.core.config.ConfigPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./berth config check [FILE]}: validate and print the effective configuration, secrets masked. */
@Command(name = "config", description = "Configuration tools.", subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "check", description = "Validate a configuration file and print the effective configuration (secrets masked).")
  static final class Check implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;
    @Parameters(arity = "0..1", paramLabel = "FILE") Path file;

    @Override
    public Integer call() {
      if (file != null) config.file = file;
      var loaded = config.load();
      spec.commandLine().getOut().print(ConfigPrinter.print(loaded));
      spec.commandLine().getErr().println("configuration OK: " + config.path());
      return 0;
    }
  }
}
