package io.berth.core.service;

import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.Recordings;
import io.berth.core.audit.SessionRecording;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Exec;
import io.berth.core.engine.InteractiveProcess;
import io.berth.core.model.Caller;
import io.berth.core.policy.ConfirmationBook;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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

  TerminalOpening open(Caller caller, TerminalRequest r, Consumer<byte[]> output) {
    Exec exec = new Exec(r.container(), r.command(), r.env(), r.workdir(), r.user(), true, r.tty());
    Attempt a = step.attempt(caller, step.language.describe(exec), exec.action(), exec.target());
    AuditedStep.Step<TerminalSession> s = step.authorizeAndOpen(a, exec, AuditedStep.Confirmation.ASK_NOT_HOLD,
        note(r.tty(), r.cols(), r.rows(), unrecordedBy(r.container())), null,
        (user, pinned) -> start(a, (Exec) pinned, r.cols(), r.rows(), output));
    return new TerminalOpening(s.outcome(), s.value());
  }

  /** The second step of a terminal that needed confirming: the whole decision again, for the confirmer. */
  TerminalOpening confirm(Caller caller, String token, int cols, int rows, Consumer<byte[]> output) {
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
    if (!(request instanceof Exec exec) || !exec.session()) {
      return new TerminalOpening(new Outcome.Failed(pending.requestId(), Failure.CONFIRMATION,
          "this confirmation is not for a terminal; confirm it where it was asked"), null);
    }
    Attempt run = a.continuing(pending.requestId());
    run.describe(pending.commandText(), request);
    AuditedStep.Step<TerminalSession> s = step.authorizeAndOpen(run, request, AuditedStep.Confirmation.GIVEN,
        "confirmed by " + run.user.name() + "; " + note(exec.tty(), cols, rows, unrecordedBy(exec.container())),
        () -> step.confirmations.redeem(token, run.user, forOthers),
        (user, pinned) -> start(run, (Exec) pinned, cols, rows, output));
    return new TerminalOpening(s.outcome(), s.value());
  }

  private static String note(boolean tty, int cols, int rows, Optional<String> unrecorded) {
    return (tty ? "terminal " + cols + "x" + rows : "stdin open, no terminal")
        + unrecorded.map(why -> "; not recorded (" + why + ")").orElse("; recorded");
  }

  /** The policy rule that leaves sessions on this container unrecorded (for the audit; resolved once more to start). */
  private Optional<String> unrecordedBy(String ref) {
    try {
      return step.policy.unrecordedBy(step.engine.resolveContainer(ref));
    } catch (io.berth.core.engine.EngineException e) {
      return Optional.empty(); // not found: authorizing says so, nothing starts
    }
  }

  private TerminalSession start(Attempt a, Exec exec, int cols, int rows, Consumer<byte[]> output) {
    Map<String, String> env = new LinkedHashMap<>();
    exec.env().forEach(v -> env.put(v.key(), v.value()));
    Map<String, String> shown = new LinkedHashMap<>();
    shown.put("SHELL", exec.command().get(0));
    if (exec.tty()) shown.put("TERM", "xterm");
    Optional<String> unrecorded = unrecordedBy(exec.container());
    if (recordings == null && unrecorded.isEmpty()) {
      throw new io.berth.core.engine.EngineException(Failure.INVALID, "interactive terminals are off here: this Berth "
          + "has no recordings directory (audit.recordings.dir), and no session may go unrecorded");
    }
    SessionRecording recording;
    try {
      recording = unrecorded.isPresent() ? SessionRecording.off()
          : recordings.start(a.id, exec.tty() ? cols : 80, exec.tty() ? rows : 24, a.started, shown);
    } catch (UncheckedIOException e) {
      // an unrecorded session is not allowed: fail closed, as an unwritable audit trail does
      throw new io.berth.core.engine.EngineException(Failure.AUDIT_UNAVAILABLE, "Refused: the session cannot be "
          + "recorded (" + e.getMessage() + "). Ask an admin to check audit.recordings.dir.");
    }
    Recorded session = new Recorded(a, recording, unrecorded.orElse(null));
    try {
      session.process = step.engine.openInteractive(new InteractiveProcess.Spec(exec.container(), exec.command(), env,
          exec.workdir(), exec.user(), exec.tty(), cols, rows), bytes -> {
            recording.output(bytes);
            output.accept(bytes);
          });
    } catch (RuntimeException e) {
      recording.close();
      try {
        if (recording.recorded()) Files.deleteIfExists(recording.file()); // nothing ran: the failed record is the whole story
      } catch (java.io.IOException ignored) {
        // left behind, unreferenced
      }
      throw e;
    }
    session.process.exit().whenComplete((code, t) -> session.ended(code == null ? -1 : code));
    return session;
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
