package io.berth.core.result;

/** Receives progress while a command runs; called from engine threads, so keep it quick. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener IGNORE = p -> {};

  void on(Progress progress);
}
