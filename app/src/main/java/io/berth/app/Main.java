package io.berth.app;

import picocli.CommandLine;

/** The one {@code main}: {@code ./berth serve | docker ... | audit ... | config check}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    TerminalLogging.chooseFor(args); // before anything logs: SLF4J picks its provider once
    StartupTrace.mark("main");
    int code = run(args);
    StartupTrace.cpu();
    System.exit(code);
  }

  /** Runs the CLI and returns the process exit code (tests call this instead of main). */
  public static int run(String... args) {
    return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Same, writing to the given streams. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = StartupTrace.step("picocli: command line", () -> BerthCommand.commandLine(args));
    // everything after `docker` is the command's own text: its flags (-a, -d, ...) are not ours
    CommandLine docker = cli.getSubcommands().get("docker");
    if (docker != null) docker.setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof UserFacingException u) {
        cmd.getErr().println("berth: " + u.getMessage());
        return u.exitCode();
      }
      throw ex;
    });
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
