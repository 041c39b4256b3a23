package io.berth.core.service;

import io.berth.core.command.Exec;
import io.berth.core.command.Run;
import java.util.List;
import java.util.Objects;

/**
 * An interactive session someone asks for: {@code command} in {@code container} as {@code user} (null: the image's
 * user; under the run guards like {@code exec -u}), on a TTY of {@code cols} x {@code rows} when {@code tty}
 * ({@code exec -it}), else with only stdin open ({@code exec -i}).
 */
public record TerminalRequest(String container, List<String> command, String user, boolean tty, int cols, int rows,
    List<Run.EnvVar> env, String workdir) {
  public TerminalRequest {
    Objects.requireNonNull(container, "container");
    command = List.copyOf(command);
    env = env == null ? List.of() : List.copyOf(env);
    if (command.isEmpty()) throw new IllegalArgumentException("a terminal needs a command (e.g. sh)");
    if (tty && (cols < 1 || rows < 1 || cols > 10_000 || rows > 10_000)) {
      throw new IllegalArgumentException("terminal size " + cols + "x" + rows + " is not 1..10000 columns and rows");
    }
  }

  /** {@code exec -it CONTAINER COMMAND…} on a terminal of this size. */
  public TerminalRequest(String container, List<String> command, String user, int cols, int rows) {
    this(container, command, user, true, cols, rows, List.of(), null);
  }

  /** An {@code exec -i}/{@code -it} request as parsed (its -e and -w kept), on a terminal of this size. */
  public static TerminalRequest of(Exec e, int cols, int rows) {
    return new TerminalRequest(e.container(), e.command(), e.user(), e.tty(), cols, rows, e.env(), e.workdir());
  }
}
