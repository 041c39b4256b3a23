package io.berth.app;

import io.berth.core.command.Catalog;
import io.berth.core.adapter.local.LocalTarFiles;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.LocalFiles;
import io.berth.core.command.Help;
import io.berth.core.command.Run;
import io.berth.core.language.CommandLanguage;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.language.CommandTokenizer;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.language.SecretMasking;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.render.ExitCodes;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.HelpText;
import io.berth.core.result.Outcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code ./berth docker <command…>}: one command through the core as the machine's operator
 * (source cli), printed as docker prints it: a container's stdout and stderr on this process's stdout and
 * stderr, streamed as they arrive. Exit codes follow docker ({@link ExitCodes}): the container's or exec'd
 * process's own code, 125/126/127 for run, 1 for other commands' failures, 125 for a bad flag.
 *
 * <p>{@code help} and text that does not parse are answered here, before anything is wired: they
 * need neither the configuration, the engine nor the audit trail, and a CLI call pays the JVM's
 * start-up for every class it touches (docs/benchmarks.md). Nothing was attempted, so there is
 * nothing to audit; chat and the console still go through {@code CommandService.submit}.
 */
final class DockerCommand implements Callable<Integer> {
  private final ConfigOption config = new ConfigOption();
  private CommandSpec spec;

  /**
   * {@code berth docker}'s command line, declared with picocli's programmatic API rather than annotations: reading
   * annotations by reflection (one proxy class per annotation type, each field's annotations parsed) was most of the
   * ~60 ms a one-shot call spent building its command line (docs/benchmarks.md). Only {@code --config} is read from
   * {@link ConfigOption}'s annotation, as every other subcommand reads it.
   */
  static CommandLine commandLine() {
    DockerCommand command = new DockerCommand();
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("docker");
    spec.usageMessage().description("Run one docker command through Berth (authorized and audited).");
    spec.addMixin("config", CommandSpec.forAnnotatedObject(command.config));
    spec.addOption(OptionSpec.builder("-y", "--yes").type(boolean.class)
        .description("Confirm destructive commands (rm, rmi, exec, protected containers) without asking.").build());
    // docker's global --context (-c): an endpoint of engine.endpoints, or all for a read command on every one
    spec.addOption(OptionSpec.builder("-c", "--context").type(String.class).paramLabel("NAME")
        .description("Run in this context (engine.endpoints[].name; all: ps, images, stats, system df on every one).")
        .build());
    // docker's own spelling of help: `docker --help`, `docker -h` (`docker ps --help` is the language's)
    spec.addOption(OptionSpec.builder("-h", "--help").type(boolean.class).description("Same as the command help.").build());
    spec.addPositional(PositionalParamSpec.builder().arity("0..*").paramLabel("COMMAND").type(List.class)
        .auxiliaryTypes(String.class).description("e.g. ps -a, run hello-world, logs web --tail 20").build());
    command.spec = spec;
    return new CommandLine(spec);
  }

  @Override
  public Integer call() {
    StartupTrace.mark("docker command called");
    // the parsed values: programmatic options hold their own
    boolean yes = Boolean.TRUE.equals(spec.findOption("--yes").getValue());
    String context = spec.findOption("--context").getValue();
    boolean help = Boolean.TRUE.equals(spec.findOption("--help").getValue());
    List<String> given = spec.positionalParameters().get(0).getValue();
    List<String> words = given == null ? List.of() : given;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PlainTextRenderer renderer = new PlainTextRenderer();
    String text = CommandTokenizer.join(help || words.isEmpty() ? prepend("help", words) : words);
    if (context != null && !io.berth.core.command.ContextTarget.CONTEXT_NAME.matcher(context).matches()) {
      err.print(renderer.render(new Outcome.Failed(null, Failure.USAGE, "bad context \"" + context
          + "\"; a context name has letters, digits and _ . + - (two or more, starting with a letter or digit)")));
      err.flush();
      return ExitCodes.DOCKER_FAILED;
    }
    CommandLanguage language = new PicocliCommandLanguage();
    DockerRequest request;
    try {
      request = StartupTrace.step("parse the command", () -> language.parse(text));
      if (request instanceof Help h) {
        out.print(renderer.render(new Outcome.Succeeded(null, new HelpText(language.help(h.topic())))));
        out.flush();
        return ExitCodes.OK;
      }
    } catch (CommandSyntaxException e) {
      // a value docker's client reads when it runs (a time): docker prints its message alone
      err.print(e.kind() == CommandSyntaxException.Kind.VALUE ? e.getMessage() + "\n"
          : renderer.render(new Outcome.Failed(null, Failure.USAGE, e.getMessage())));
      err.flush();
      return ExitCodes.of(e);
    } catch (IllegalArgumentException e) {
      err.print(renderer.render(new Outcome.Failed(null, Failure.USAGE, e.getMessage())));
      err.flush();
      return ExitCodes.DOCKER_FAILED;
    }
    // -t needs a terminal on stdin; -i alone takes any stdin (a pipe, a file), as docker's
    boolean wantsTty = request instanceof io.berth.core.command.Run run && run.settings().interactive() && !run.detach()
        && run.settings().tty() || request instanceof io.berth.core.command.Exec exec && exec.session() && exec.tty();
    if (wantsTty && !RawTerminal.stdinIsTerminal()) {
      err.println(InteractiveSession.NOT_A_TTY); // docker's words and status, before anything is attempted
      err.flush();
      return 1;
    }
    StartupTrace.step("logging", LoggingSetup::quietLibrariesOnTerminal);
    BerthRuntime.warmUpInBackground(); // overlaps the configuration's reading; help and parse errors returned above
    var loaded = StartupTrace.step("configuration", config::load);
    // build's step log is its output (docker: stdout, as it comes), printed once: not again at the end
    TerminalOutput terminal = new TerminalOutput(out, err, loaded.coreLimits().maxOutputBytes(),
        Catalog.bind(request).progressIsOutput());
    StopOnCtrlC following = Catalog.bind(request).followsOnTerminal() ? StopOnCtrlC.install(Thread.currentThread()) : null;
    try (BerthRuntime berth = StartupTrace.step("wiring (runtime start)", () -> BerthRuntime.start(loaded, false))) {
      // cp's local side: the caller's own files, stdin and stdout (chat and the console have none),
      // relative to where the caller ran ./berth (the launcher moves to the checkout before starting Java)
      LocalFiles local = new LocalTarFiles(java.nio.file.Path.of(System.getenv().getOrDefault("BERTH_CALLER_DIR", "")),
          System.in, System.out);
      boolean runSession = request instanceof io.berth.core.command.Run r && r.settings().interactive() && !r.detach();
      if (runSession || request instanceof io.berth.core.command.Exec exec && exec.session()) {
        InteractiveSession.Ended ended;
        try {
          ended = runSession
              ? InteractiveSession.run(berth.commands, operator(), (io.berth.core.command.Run) request, yes, System.in,
                  System.out, System.err, DockerCommand::askOnTerminal)
              : InteractiveSession.run(berth.commands, operator(), (io.berth.core.command.Exec) request, yes, System.in,
                  System.out, System.err, DockerCommand::askOnTerminal);
        } catch (java.io.IOException e) {
          err.println("Error: the terminal could not be set up: " + e.getMessage());
          err.flush();
          return ExitCodes.DOCKER_FAILED;
        }
        if (ended.refused() == null) return ended.code();
        print(ended.refused(), terminal, renderer, err);
        return ExitCodes.of(request, ended.refused());
      }
      Outcome outcome = StartupTrace.step("execute",
          () -> berth.commands.execute(operator(), context, request,
              SecretMasking.mask(context == null ? text : "--context " + context + " " + text), terminal, local));
      if (outcome instanceof Outcome.ConfirmationRequired c && (yes || askOnTerminal(c.prompt()))) {
        outcome = berth.commands.confirm(operator(), c.token(), terminal, local);
      }
      Outcome shown = outcome;
      StartupTrace.step("print", () -> print(shown, terminal, renderer, err));
      return ExitCodes.of(request, outcome);
    } finally {
      if (following != null) following.done();
    }
  }

  /**
   * A command that follows until Ctrl-C (events without --until): on SIGINT (or SIGTERM) the JVM runs this hook,
   * which interrupts the command so that it ends as followed so far, printed and audited, and waits (a few
   * seconds at most) until it has; the JVM then exits with the signal's status (130 for SIGINT), as docker does.
   */
  private record StopOnCtrlC(Thread hook, java.util.concurrent.CountDownLatch ended) {
    static StopOnCtrlC install(Thread command) {
      java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
      Thread hook = new Thread(() -> {
        command.interrupt();
        try {
          ended.await(3, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "berth-ctrl-c");
      Runtime.getRuntime().addShutdownHook(hook);
      return new StopOnCtrlC(hook, ended);
    }

    void done() {
      ended.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is what ended the command
      }
    }
  }

  /**
   * The outcome as docker prints it: a result on its streams (unless its output already streamed), anything
   * else as one {@code Error: …} line on stderr.
   */
  private static void print(Outcome outcome, TerminalOutput terminal, PlainTextRenderer renderer, PrintWriter err) {
    if (terminal.streamed()) terminal.finishStream();
    if (outcome instanceof Outcome.Succeeded s) {
      if (s.result() == null) return;
      if (!terminal.streamed()) terminal.print(s.result().printed(renderer));
      // docker's per-target errors (stop a missing b): on stderr; the exit status says whether they count
      s.result().errors().forEach(err::println);
      err.flush();
      return;
    }
    // docker's StatusError (a failed build step): its message alone, the status as the exit code
    String rendered = outcome instanceof Outcome.Failed f && f.status() != null ? f.message() + "\n" : renderer.render(outcome);
    int soFar = rendered.indexOf(Run.OUTPUT_SO_FAR);
    if (terminal.streamed() && soFar >= 0) rendered = rendered.substring(0, soFar) + "\n"; // it streamed above
    err.print(rendered);
    if (outcome instanceof Outcome.ConfirmationRequired) {
      err.println("Not confirmed, nothing was done. Add --yes (./berth docker --yes ...) to confirm.");
    }
    err.flush();
  }

  private static List<String> prepend(String word, List<String> rest) {
    List<String> all = new ArrayList<>(rest.size() + 1);
    all.add(word);
    all.addAll(rest);
    return all;
  }

  /** Asks on an interactive terminal; never blocks when there is none (scripts, CI). */
  private static boolean askOnTerminal(String prompt) {
    java.io.Console console = System.console();
    if (console == null) return false;
    String answer = console.readLine("%s%nConfirm? [y/N] ", prompt);
    return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
  }

  static Caller operator() {
    String user = System.getProperty("user.name", "unknown");
    String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
    return new Caller(Source.CLI, user, user, Location.remote(host));
  }
}
