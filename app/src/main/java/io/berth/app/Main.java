package io.berth.app;

import picocli.CommandLine;

/** The one {@code main}: {@code ./berth serve | docker ... | audit ... | config check}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    TerminalLogging.chooseFor(args); // before anything logs: SLF4J picks its provider once
    // picocli looks for Groovy's Closure class once, unless told not to: a class no archive holds, so the look-up
    // opens the 66 MB jar (~25 ms of a CLI call) only to find nothing (Berth has no Groovy)
    if (System.getProperty("picocli.disable.closures") == null) System.setProperty("picocli.disable.closures", "true");
    StartupTrace.mark("main");
    int code = run(args);
    StartupTrace.cpu();
    System.exit(code);
  }

  /**
   * A {@link UserFacingException} as one {@code berth: …} line and its exit code; anything else goes on to picocli.
   * A class, not a lambda: a lambda of this (Java 5 class-file) interface keeps the interface, and with it picocli's
   * own handler, out of the class-data archive, so every call opened the 66 MB jar to load them (docs/benchmarks.md).
   */
  static final class UserFacingErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
      if (ex instanceof UserFacingException u) {
        cmd.getErr().println("berth: " + u.getMessage());
        return u.exitCode();
      }
      throw ex;
    }
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
    cli.setExecutionExceptionHandler(new UserFacingErrors());
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
