package io.berth.core.model;

/** A running stream (log follow, event feed). Closing it releases its engine connection. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
