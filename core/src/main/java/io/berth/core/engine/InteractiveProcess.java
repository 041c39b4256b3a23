package io.berth.core.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A process in a container with its stdin open, on a TTY (docker's {@code exec -it}) or not ({@code exec -i}, stdin
 * a pipe): what the person types or pipes goes in through {@link #write}, and {@link #closeInput} is its end; what it
 * prints comes out through the {@link Output} given when it was opened, as it arrives; {@link #close} ends it for good.
 */
public interface InteractiveProcess extends AutoCloseable {

  /**
   * Where the process's output goes, raw bytes as they arrive (on the engine's thread). With a TTY the engine sends one
   * stream, all of it stdout; without one it frames stdout and stderr apart, and stderr comes to {@link #stderr}
   * (by default with stdout: a surface that shows one stream, such as the console's terminal).
   */
  @FunctionalInterface
  interface Output {
    void stdout(byte[] bytes);

    default void stderr(byte[] bytes) {
      stdout(bytes);
    }
  }

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

  /**
   * Sends bytes to the process's stdin (keystrokes, pasted or piped text); ignored once it ended. Blocks while the
   * engine has not taken what came before (a bounded buffer: piped input is never held whole).
   */
  void write(byte[] input);

  /**
   * The end of the input: once what was written reached it, the process reads end-of-file on its stdin (docker's
   * CloseWrite on the hijacked connection: {@code cat} and {@code wc} finish), while its output still comes back.
   */
  void closeInput();

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
