package io.berth.core.replica;

import io.berth.core.model.Subscription;

/**
 * Which replica of one Berth does what only one may do (hold the Discord gateway connection, send
 * alerts). Port: one replica alone always leads ({@link SoleLeadership}); replicas sharing the audit's
 * PostgreSQL elect one through a session-level advisory lock
 * ({@code io.berth.core.adapter.postgres.PostgresLeadership}). Leadership is never claimed on a guess:
 * a replica that cannot reach the store stops leading, so two never lead at once for long.
 */
public interface Leadership extends AutoCloseable {

  /** Told, on the leadership's own thread and in order, when this replica starts and stops leading. */
  interface Listener {
    void gained();

    void lost();
  }

  /** Whether this replica leads right now. */
  boolean leading();

  /** Adds a listener; told {@code gained()} at once when this replica already leads. */
  Subscription watch(Listener listener);

  /** Gives leadership up (listeners hear {@code lost()} when it was held) and stops trying. */
  @Override
  void close();
}
