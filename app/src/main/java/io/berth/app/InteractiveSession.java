package io.berth.app;

import io.berth.core.command.Exec;
import io.berth.core.engine.InteractiveProcess;
import io.berth.core.model.Caller;
import io.berth.core.result.Outcome;
import io.berth.core.service.CommandService;
import io.berth.core.service.TerminalOpening;
import io.berth.core.service.TerminalRequest;
import io.berth.core.service.TerminalSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;

/**
 * {@code ./berth docker exec -it CONTAINER CMD} (and {@code run -it IMAGE [CMD]}) on the caller's terminal, as docker's CLI runs it: the terminal in
 * raw mode (keys, Ctrl-C and Ctrl-D go to the process in the container), its size given at the start and again on
 * every SIGWINCH, the process's exit code as ours. Without {@code -t} ({@code exec -i}, {@code run -i}: stdin a pipe,
 * a file or a terminal left as it is) our stdin is copied in and its end is the process's end of input, and its
 * stdout and stderr come out on ours, apart, as they are printed. The session itself is the core's (authorized,
 * confirmed, recorded and audited like any exec through {@link CommandService#openTerminal}).
 */
final class InteractiveSession {
  /** docker's words, and its status, when {@code -t} is asked without a terminal on stdin. */
  static final String NOT_A_TTY = "the input device is not a TTY";

  private InteractiveSession() {}

  /** The outcome when the session did not open (denied, not confirmed, failed), else null and the exit code in {@code code}. */
  record Ended(Outcome refused, int code) {}

  static Ended run(CommandService commands, Caller caller, Exec exec, boolean yes, InputStream in, OutputStream out,
      OutputStream err, java.util.function.Predicate<String> ask) throws IOException {
    return session(commands, caller, exec.tty(),
        (size, print) -> commands.openTerminal(caller, TerminalRequest.of(exec, size[0], size[1]), print), yes, in, out,
        err, ask);
  }

  /** {@code run -it IMAGE [CMD]}: the same session on a new container (authorized as run, recorded as exec -it). */
  static Ended run(CommandService commands, Caller caller, io.berth.core.command.Run run, boolean yes, InputStream in,
      OutputStream out, OutputStream err, java.util.function.Predicate<String> ask) throws IOException {
    return session(commands, caller, run.settings().tty(),
        (size, print) -> commands.openRunTerminal(caller, run, size[0], size[1], print), yes, in, out, err, ask);
  }

  private static Ended session(CommandService commands, Caller caller, boolean tty,
      java.util.function.BiFunction<int[], InteractiveProcess.Output, TerminalOpening> open, boolean yes,
      InputStream in, OutputStream out, OutputStream err, java.util.function.Predicate<String> ask) throws IOException {
    int[] size = tty ? RawTerminal.size() : new int[] {80, 24};
    // each frame as it comes (streamed, not at the exit); with a TTY the engine sends stdout only
    InteractiveProcess.Output print = new InteractiveProcess.Output() {
      @Override
      public void stdout(byte[] bytes) {
        show(out, bytes);
      }

      @Override
      public void stderr(byte[] bytes) {
        show(err, bytes);
      }
    };
    // raw before the session opens, as docker does: its first output (the prompt) must not meet a cooked terminal
    // that would echo what is typed next on its own
    RawTerminal raw = tty ? RawTerminal.enter() : null;
    TerminalOpening opening = open.apply(size, print);
    if (opening.outcome() instanceof Outcome.ConfirmationRequired c) {
      boolean confirmed = yes;
      if (!yes) {
        if (raw != null) raw.close(); // the question is asked on a cooked terminal
        confirmed = ask.test(c.prompt()); // only on a terminal: never when stdin is a pipe
        if (confirmed && tty) raw = RawTerminal.enter();
      }
      if (confirmed) opening = commands.confirmTerminal(caller, c.token(), size[0], size[1], print);
    }
    if (!opening.opened()) {
      if (raw != null) raw.close();
      return new Ended(opening.outcome(), 0);
    }
    TerminalSession session = opening.session();
    // SIGTERM or SIGHUP (the terminal closed): end the session, audited, before the JVM goes
    Thread closeOnExit = new Thread(session::close, "berth-terminal-close");
    Runtime.getRuntime().addShutdownHook(closeOnExit);
    try {
      if (tty) onResize(session);
      Thread pump = new Thread(() -> pump(in, session), "berth-terminal-stdin");
      pump.setDaemon(true); // a blocked read of stdin must not keep the JVM alive
      pump.start();
      return new Ended(null, session.exit().get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      session.close();
      return new Ended(null, 130);
    } catch (ExecutionException e) {
      return new Ended(null, 1);
    } finally {
      if (raw != null) raw.close();
      try {
        Runtime.getRuntime().removeShutdownHook(closeOnExit);
      } catch (IllegalStateException e) {
        // shutting down: the hook is what ended it
      }
    }
  }

  private static void show(OutputStream stream, byte[] bytes) {
    try {
      stream.write(bytes);
      stream.flush();
    } catch (IOException e) {
      // our stdout (stderr) is gone: the session goes on until it ends or we are stopped
    }
  }

  /**
   * Our stdin (raw: every key as typed; or a pipe, a file) to the process's, a chunk at a time (the session waits
   * while the engine has not taken the previous ones, so a large input is never held whole); its end is the
   * process's end of input, as docker's CloseWrite.
   */
  private static void pump(InputStream in, TerminalSession session) {
    byte[] buf = new byte[32 * 1024];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        if (n > 0) session.write(java.util.Arrays.copyOf(buf, n));
      }
    } catch (IOException e) {
      // stdin unreadable: as its end
    }
    session.closeInput();
  }

  /** SIGWINCH: the terminal's new size to the process. */
  @SuppressWarnings("restriction")
  private static void onResize(TerminalSession session) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> {
        int[] size = RawTerminal.size();
        session.resize(size[0], size[1]);
      });
    } catch (IllegalArgumentException e) {
      // no SIGWINCH on this platform: the size stays as it was at the start
    }
  }
}
