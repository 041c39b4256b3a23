package io.berth.core.service;

import java.util.List;
import java.util.Objects;

/**
 * An interactive session someone asks for: {@code command} in {@code container} as {@code user} (null: the image's
 * user; under the run guards like {@code exec -u}), on a TTY of {@code cols} x {@code rows} when {@code tty}
 * ({@code exec -it}), else with only stdin open ({@code exec -i}).
 */
public record TerminalRequest(String container, List<String> command, String user, boolean tty, int cols, int rows) {
  public TerminalRequest {
    Objects.requireNonNull(container, "container");
    command = List.copyOf(command);
    if (command.isEmpty()) throw new IllegalArgumentException("a terminal needs a command (e.g. sh)");
    if (tty && (cols < 1 || rows < 1 || cols > 10_000 || rows > 10_000)) {
      throw new IllegalArgumentException("terminal size " + cols + "x" + rows + " is not 1..10000 columns and rows");
    }
  }

  /** {@code exec -it CONTAINER COMMAND…} on a terminal of this size. */
  public TerminalRequest(String container, List<String> command, String user, int cols, int rows) {
    this(container, command, user, true, cols, rows);
  }
}
