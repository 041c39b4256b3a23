package io.berth.core.service;

import java.util.concurrent.CompletableFuture;

/**
 * An open interactive session (see {@link CommandService#openTerminal}): recorded and audited until it ends, which
 * is when its process exits or {@link #close} is called (the tab closed, the CLI's terminal gone).
 */
public interface TerminalSession extends AutoCloseable {
  /** The request id its audit records share (and its recording's name). */
  String id();

  /** Keystrokes, pasted or piped text for the process's stdin (waits while the engine has not taken what came before). */
  void write(byte[] input);

  /** The end of the input (a pipe's end): the process reads end-of-file; its output still comes, then its exit. */
  void closeInput();

  void resize(int cols, int rows);

  /** Ends the session: the process is killed if it still runs, and the closing audit record is written. */
  @Override
  void close();

  /** The process's exit code once it ended and the closing record is written (-1 when the engine could not say). */
  CompletableFuture<Integer> exit();
}
