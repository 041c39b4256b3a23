package io.berth.web.terminal;

import io.berth.core.model.Caller;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the console's terminal needs from the core: open an interactive exec with a TTY (authorized,
 * confirmed and audited by the core like {@code exec}, and recorded), and read a recorded session back.
 * The console never starts a process itself; it only carries bytes between the browser and a
 * {@link Session} the core handed out.
 */
public interface TerminalGateway {

  /**
   * Opens a terminal for {@code caller}, or says why not. {@code confirmation} is null on the first
   * try; when the core answers {@link Outcome.ConfirmationRequired}, the same request with its token
   * opens it. {@code output} receives what the process prints (one stream: it has a TTY).
   */
  Opening open(Caller caller, Request request, String confirmation, Consumer<byte[]> output);

  /** A recorded session, when it exists and {@code caller} may see it. */
  Optional<Recording> recording(Caller caller, String sessionId);

  /**
   * A recording as asciicast v2 text, and what is wrong with it if it no longer matches the hash its
   * audit record holds (null when it matches): a changed recording is still shown, marked as such.
   */
  record Recording(String cast, String problem) {}

  /** The container (as the user named it), the command, the user inside ({@code null}: the image's), the size. */
  record Request(String container, List<String> command, String user, int cols, int rows) {
    public Request {
      command = List.copyOf(command);
    }
  }

  /** An open terminal: input in, size changes, the process's end; {@link #close} ends the exec. */
  interface Session extends AutoCloseable {
    void write(byte[] input);

    void resize(int cols, int rows);

    /** Completes with the exit code when the process ended. */
    CompletableFuture<Integer> exit();

    /** The id its recording is found under (the replay page's address). */
    String id();

    @Override
    void close();
  }

  /** The answer to {@link #open}. */
  sealed interface Opening {
    record Opened(Session session) implements Opening {}

    /** Denied, needs confirmation, or failed: the core's own outcome, shown as it is everywhere else. */
    record Refused(Outcome outcome) implements Opening {}
  }

  /** For a console wired without terminals: every open is refused with a clear reason. */
  TerminalGateway NONE = new TerminalGateway() {
    @Override
    public Opening open(Caller caller, Request request, String confirmation, Consumer<byte[]> output) {
      return new Opening.Refused(new Outcome.Failed(null, Failure.INVALID, "Terminals are not available on this server."));
    }

    @Override
    public Optional<Recording> recording(Caller caller, String sessionId) {
      return Optional.empty();
    }
  };
}
