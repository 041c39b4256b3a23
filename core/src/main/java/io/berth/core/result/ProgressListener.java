package io.berth.core.result;

/** Receives progress while a command runs; called from engine threads, so keep it quick. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener IGNORE = p -> {};

  void on(Progress progress);

  /**
   * True for a surface that shows output as it comes for as long as the command runs and can stop it (the
   * CLI's terminal, Ctrl-C): there, {@code events} without {@code --until} follows as docker's does. Chat
   * and the console answer once, so they get a bounded window.
   */
  default boolean follows() {
    return false;
  }
}
