package io.berth.core.service;

import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.Recordings;
import io.berth.core.audit.SessionRecording;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Exec;
import io.berth.core.command.Run;
import io.berth.core.engine.InteractiveProcess;
import io.berth.core.model.Caller;
import io.berth.core.policy.ConfirmationBook;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive sessions ({@code exec -it}): authorized exactly like {@code exec} (its permission class, scope on the
 * container, the run guards on {@code -u}, its confirmation), recorded in asciicast v2 from the first byte, and
 * audited as one attempt: the requested record when it opens, the closing one when it ends, with duration, bytes in
 * and out, exit code, what was typed (so audit search finds it) and the recording's name and SHA-256.
 */
final class Terminals {
  private static final Logger log = LoggerFactory.getLogger(Terminals.class);

  private final AuditedStep step;
  private final Recordings recordings;

  Terminals(AuditedStep step, Recordings recordings) {
    this.step = step;
    this.recordings = recordings;
  }

  TerminalOpening open(Caller caller, TerminalRequest r, InteractiveProcess.Output output) {
    Exec exec = new Exec(r.container(), r.command(), r.env(), r.workdir(), r.user(), true, r.tty());
    Attempt a = step.attempt(caller, step.language.describe(exec), exec.action(), exec.target());
    AuditedStep.Step<TerminalSession> s = step.authorizeAndOpen(a, exec, AuditedStep.Confirmation.ASK_NOT_HOLD,
        note(r.tty(), r.cols(), r.rows(), unrecordedBy(r.container())), null,
        (user, pinned, engine) -> start(a, (Exec) pinned, r.cols(), r.rows(), output, engine));
    return new TerminalOpening(s.outcome(), s.value());
  }

  /**
   * {@code run -it IMAGE [CMD]}: authorized exactly like {@code run} (its permission class, the run guards, the image
   * allowlist, a scope's labels), then pulled when missing, created with stdin and a TTY, attached, started; recorded
   * and audited as an exec session is.
   */
  TerminalOpening openRun(Caller caller, Run run, int cols, int rows, InteractiveProcess.Output output) {
    Attempt a = step.attempt(caller, step.language.describe(run), run.action(), run.target());
    AuditedStep.Step<TerminalSession> s = step.authorizeAndOpen(a, run, AuditedStep.Confirmation.ASK_NOT_HOLD,
        note(run.settings().tty(), cols, rows, Optional.empty()), null,
        (user, pinned, engine) -> startRun(a, (Run) pinned, cols, rows, output, engine));
    return new TerminalOpening(s.outcome(), s.value());
  }

  /** The second step of a terminal that needed confirming: the whole decision again, for the confirmer. */
  TerminalOpening confirm(Caller caller, String token, int cols, int rows, InteractiveProcess.Output output) {
    Attempt a = step.attempt(caller, "confirm", "confirm", "");
    if (!a.identify()) return new TerminalOpening(a.unknownIdentity(), null);
    boolean forOthers = step.policy.canConfirmForOthers(a.user);
    ConfirmationBook.Pending pending;
    try {
      pending = step.confirmations.check(token, a.user, forOthers);
    } catch (ConfirmationBook.Refusal refusal) {
      return new TerminalOpening(a.refused(refusal.getMessage()), null);
    }
    DockerRequest request = pending.request();
    if (request instanceof Run run && run.settings().interactive() && !run.detach()) {
      Attempt started = a.continuing(pending.requestId());
      started.describe(pending.commandText(), request);
      AuditedStep.Step<TerminalSession> s = step.authorizeAndOpen(started, request, AuditedStep.Confirmation.GIVEN,
          "confirmed by " + started.user.name() + "; " + note(run.settings().tty(), cols, rows, Optional.empty()),
          () -> step.confirmations.redeem(token, started.user, forOthers),
          (user, pinned, engine) -> startRun(started, (Run) pinned, cols, rows, output, engine));
      return new TerminalOpening(s.outcome(), s.value());
    }
    if (!(request instanceof Exec exec) || !exec.session()) {
      return new TerminalOpening(new Outcome.Failed(pending.requestId(), Failure.CONFIRMATION,
          "this confirmation is not for a terminal; confirm it where it was asked"), null);
    }
    Attempt run = a.continuing(pending.requestId());
    run.describe(pending.commandText(), request);
    AuditedStep.Step<TerminalSession> s = step.authorizeAndOpen(run, request, AuditedStep.Confirmation.GIVEN,
        "confirmed by " + run.user.name() + "; " + note(exec.tty(), cols, rows, unrecordedBy(exec.container())),
        () -> step.confirmations.redeem(token, run.user, forOthers),
        (user, pinned, engine) -> start(run, (Exec) pinned, cols, rows, output, engine));
    return new TerminalOpening(s.outcome(), s.value());
  }

  private static String note(boolean tty, int cols, int rows, Optional<String> unrecorded) {
    return (tty ? "terminal " + cols + "x" + rows : "stdin open, no terminal")
        + unrecorded.map(why -> "; not recorded (" + why + ")").orElse("; recorded");
  }

  /** The policy rule that leaves sessions on this container unrecorded (for the audit; resolved once more to start). */
  private Optional<String> unrecordedBy(String ref) {
    return unrecordedBy(ref, step.engine);
  }

  private Optional<String> unrecordedBy(String ref, io.berth.core.engine.ContainerEngine engine) {
    try {
      return step.policy.unrecordedBy(engine.resolveContainer(ref));
    } catch (io.berth.core.engine.EngineException e) {
      return Optional.empty(); // not found: authorizing says so, nothing starts
    }
  }

  /**
   * docker run's order: pull when missing (its words on the terminal), create, then attach and start; a container
   * whose command cannot start is classified as run's (126/127), and with --rm it goes.
   */
  private TerminalSession startRun(Attempt a, Run run, int cols, int rows, InteractiveProcess.Output output,
      io.berth.core.engine.ContainerEngine engine) {
    if (!run.settings().envFiles().isEmpty() || !run.settings().labelFiles().isEmpty()) {
      throw new io.berth.core.engine.EngineException(Failure.INVALID,
          "run -it does not take --env-file or --label-file yet; pass the values with -e and -l");
    }
    if (recordings == null) {
      throw new io.berth.core.engine.EngineException(Failure.INVALID, "interactive terminals are off here: this Berth "
          + "has no recordings directory (audit.recordings.dir), and no session may go unrecorded");
    }
    if (!engine.imageExists(run.image())) {
      // docker's words, on stderr (a terminal shows both as one)
      output.stderr(("Unable to find image '" + run.image() + "' locally" + (run.settings().tty() ? "\r\n" : "\n"))
          .getBytes(StandardCharsets.UTF_8));
      engine.pull(run.image(), io.berth.core.result.ProgressListener.IGNORE);
    }
    String id = engine.create(run);
    Map<String, String> shown = new LinkedHashMap<>();
    shown.put("SHELL", run.command().isEmpty() ? run.image() : run.command().get(0));
    if (run.settings().tty()) shown.put("TERM", "xterm");
    SessionRecording recording = startRecording(a, run.settings().tty(), cols, rows, shown);
    Recorded session = new Recorded(a, recording, null);
    try {
      session.process = engine.startInteractive(id, run.settings().tty(), cols, rows, recorded(recording, output));
    } catch (io.berth.core.engine.EngineException e) {
      discard(recording);
      if (run.autoRemove()) removeQuietly(engine, id);
      throw Run.startFailure(e);
    }
    session.process.exit().whenComplete((code, t) -> session.ended(code == null ? -1 : code));
    return session;
  }

  private static void removeQuietly(io.berth.core.engine.ContainerEngine engine, String id) {
    try {
      engine.remove(id, true, false);
    } catch (io.berth.core.engine.EngineException e) {
      log.debug("container {} of a failed run -it not removed: {}", id, e.getMessage()); // already gone
    }
  }

  private SessionRecording startRecording(Attempt a, boolean tty, int cols, int rows, Map<String, String> shown) {
    try {
      return recordings.start(a.id, tty ? cols : 80, tty ? rows : 24, a.started, shown);
    } catch (UncheckedIOException e) {
      // an unrecorded session is not allowed: fail closed, as an unwritable audit trail does
      throw new io.berth.core.engine.EngineException(Failure.AUDIT_UNAVAILABLE, "Refused: the session cannot be "
          + "recorded (" + e.getMessage() + "). Ask an admin to check audit.recordings.dir.");
    }
  }

  /** Nothing ran: the failed record is the whole story, so its recording goes. */
  private static void discard(SessionRecording recording) {
    recording.close();
    try {
      if (recording.recorded()) Files.deleteIfExists(recording.file());
    } catch (java.io.IOException ignored) {
      // left behind, unreferenced
    }
  }

  private TerminalSession start(Attempt a, Exec exec, int cols, int rows, InteractiveProcess.Output output,
      io.berth.core.engine.ContainerEngine engine) {
    Map<String, String> env = new LinkedHashMap<>();
    exec.env().forEach(v -> env.put(v.key(), v.value()));
    Map<String, String> shown = new LinkedHashMap<>();
    shown.put("SHELL", exec.command().get(0));
    if (exec.tty()) shown.put("TERM", "xterm");
    Optional<String> unrecorded = unrecordedBy(exec.container(), engine);
    if (recordings == null && unrecorded.isEmpty()) {
      throw new io.berth.core.engine.EngineException(Failure.INVALID, "interactive terminals are off here: this Berth "
          + "has no recordings directory (audit.recordings.dir), and no session may go unrecorded");
    }
    SessionRecording recording = unrecorded.isPresent() ? SessionRecording.off()
        : startRecording(a, exec.tty(), cols, rows, shown);
    Recorded session = new Recorded(a, recording, unrecorded.orElse(null));
    try {
      session.process = engine.openInteractive(new InteractiveProcess.Spec(exec.container(), exec.command(), env,
          exec.workdir(), exec.user(), exec.tty(), cols, rows), recorded(recording, output));
    } catch (RuntimeException e) {
      discard(recording);
      throw e;
    }
    session.process.exit().whenComplete((code, t) -> session.ended(code == null ? -1 : code));
    return session;
  }

  /** The process's output, recorded (stdout and stderr alike: the recording replays what a terminal showed), then shown. */
  private static InteractiveProcess.Output recorded(SessionRecording recording, InteractiveProcess.Output output) {
    return new InteractiveProcess.Output() {
      @Override
      public void stdout(byte[] bytes) {
        recording.output(bytes);
        output.stdout(bytes);
      }

      @Override
      public void stderr(byte[] bytes) {
        recording.output(bytes);
        output.stderr(bytes);
      }
    };
  }

  /** One session: its process, its recording, and the closing record written once. */
  private static final class Recorded implements TerminalSession {
    private final Attempt attempt;
    private final SessionRecording recording;
    private final String unrecordedBy;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    volatile InteractiveProcess process;

    Recorded(Attempt attempt, SessionRecording recording, String unrecordedBy) {
      this.attempt = attempt;
      this.recording = recording;
      this.unrecordedBy = unrecordedBy;
    }

    @Override
    public String id() {
      return attempt.id;
    }

    @Override
    public void write(byte[] input) {
      if (ended.get()) return;
      recording.input(input);
      process.write(input);
    }

    @Override
    public void closeInput() {
      if (!ended.get()) process.closeInput();
    }

    @Override
    public void resize(int cols, int rows) {
      if (ended.get() || cols < 1 || rows < 1 || cols > 10_000 || rows > 10_000) return;
      recording.resize(cols, rows);
      process.resize(cols, rows);
    }

    @Override
    public void close() {
      process.close(); // its exit completes, which ends the session
      exit.join();
    }

    @Override
    public CompletableFuture<Integer> exit() {
      return exit;
    }

    void ended(int code) {
      if (!ended.compareAndSet(false, true)) return;
      try {
        recording.close();
        String reference;
        if (!recording.recorded()) {
          reference = "not recorded (" + unrecordedBy + ")";
        } else {
          try {
            reference = Recordings.reference(recording);
          } catch (UncheckedIOException e) {
            reference = "recording " + recording.name() + " unreadable: " + e.getMessage();
          }
        }
        double seconds = attempt.elapsedMs() / 1000.0;
        String message = "terminal ended: exit code " + code + ", " + String.format(Locale.ROOT, "%.1f", seconds) + " s, "
            + recording.bytesIn() + " bytes in, " + recording.bytesOut() + " bytes out"
            + (recording.capped() ? " (recording cut at its size cap)" : "") + "; " + reference
            + (recording.recorded() ? "; typed: " + recording.typed() : "");
        attempt.record(AuditOutcome.SUCCEEDED, message, attempt.elapsedMs());
      } catch (RuntimeException e) {
        log.error("could not close the record of terminal {}", attempt.id, e);
      } finally {
        exit.complete(code);
      }
    }
  }
}
