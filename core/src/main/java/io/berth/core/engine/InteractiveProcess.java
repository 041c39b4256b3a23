package io.berth.core.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A process in a container with its stdin open, usually on a TTY (docker's {@code exec -it}): what the person
 * types goes in through {@link #write}, what it prints comes out through the output callback given when it was
 * opened (raw bytes: with a TTY stdout and stderr are one stream), and {@link #close} ends it for good.
 */
public interface InteractiveProcess extends AutoCloseable {

  /** What to start: the container (a resolved id), the command, and the terminal's first size. */
  record Spec(String containerId, List<String> command, Map<String, String> env, String workdir, String user,
      boolean tty, int cols, int rows) {
    public Spec {
      Objects.requireNonNull(containerId, "containerId");
      command = List.copyOf(command);
      env = Map.copyOf(env);
      if (command.isEmpty()) throw new IllegalArgumentException("an interactive process needs a command");
      if (tty && (cols < 1 || rows < 1 || cols > 10_000 || rows > 10_000)) {
        throw new IllegalArgumentException("terminal size " + cols + "x" + rows + " is not 1..10000 columns and rows");
      }
    }
  }

  /** Sends bytes to the process's stdin (keystrokes, pasted text); ignored once it ended. */
  void write(byte[] input);

  /** Tells the process its terminal is now {@code cols} x {@code rows} (SIGWINCH inside); ignored without a TTY. */
  void resize(int cols, int rows);

  /** Completes with the exit code once the process ended (-1 when the engine could not say). */
  CompletableFuture<Integer> exit();

  /**
   * Ends the process: it must be gone from the container afterwards (docker has no exec kill, so the adapter
   * closes the connection and kills what survives). Idempotent; {@link #exit()} completes.
   */
  @Override
  void close();
}
