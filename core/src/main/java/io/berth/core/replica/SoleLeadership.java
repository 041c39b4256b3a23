package io.berth.core.replica;

import io.berth.core.model.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The leadership of a Berth that runs alone (its audit is not in a shared store): it always leads. */
public final class SoleLeadership implements Leadership {
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean leading = true;

  @Override
  public boolean leading() {
    return leading;
  }

  @Override
  public synchronized Subscription watch(Listener listener) {
    listeners.add(listener);
    if (leading) listener.gained();
    return () -> listeners.remove(listener);
  }

  @Override
  public synchronized void close() {
    if (!leading) return;
    leading = false;
    listeners.forEach(Listener::lost);
  }
}
