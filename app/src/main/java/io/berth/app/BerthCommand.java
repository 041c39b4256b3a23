package io.berth.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Root of the launcher's command line. Its subcommands are added by {@link #commandLine}, not listed in
 * {@code @Command}: picocli builds the model of every listed subcommand (options, mixins, converters) on
 * every call, and a call names one of them.
 */
@Command(
    name = BerthCommand.NAME,
    mixinStandardHelpOptions = true,
    version = "berth 0.1.0",
    description = "Chat-ops and a web console for Docker, with one audited core.")
final class BerthCommand implements Runnable {
  static final String NAME = "berth";

  /** Every subcommand, in the order usage lists them. */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> all = new LinkedHashMap<>();
    all.put("serve", ServeCommand::new);
    all.put("docker", DockerCommand::commandLine);
    all.put("audit", AuditCommand::new);
    all.put("config", ConfigCommand::new);
    all.put("hash-password", HashPasswordCommand::new);
    return all;
  }

  /**
   * The command line for {@code args}: when the first word names a subcommand, only that one is built (what
   * follows it is that subcommand's to parse, so nothing else could be reached); otherwise (no words, --help,
   * --version, a mistake) all of them, for the usage text and picocli's suggestions.
   */
  static CommandLine commandLine(String... args) {
    Supplier<Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    if (named != null) {
      // the root's own options (--help, --version) cannot follow a subcommand's name: a bare root, named as this one,
      // instead of this class's annotations read by reflection (~10 ms of a one-shot call, docs/benchmarks.md)
      CommandLine cli = new CommandLine(CommandSpec.create().name(NAME));
      cli.addSubcommand(args[0], named.get());
      return cli;
    }
    CommandLine cli = new CommandLine(new BerthCommand());
    SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    return cli;
  }

  @picocli.CommandLine.Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
