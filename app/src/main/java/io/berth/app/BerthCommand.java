package io.berth.app;

import picocli.CommandLine.Command;

/** Root of the launcher's command line. */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    version = "berth 0.1.0",
    description = "Chat-ops and a web console for Docker, with one audited core.",
    subcommands = {ServeCommand.class, DockerCommand.class, AuditCommand.class, ConfigCommand.class,
        HashPasswordCommand.class})
final class BerthCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
