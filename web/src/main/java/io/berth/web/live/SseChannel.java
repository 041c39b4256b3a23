package io.berth.web.live;

import io.javalin.http.sse.SseClient;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open SSE connection. Sends are serialized (engine threads and timers both write); the
 * first failed write, or either side closing, releases what the stream holds exactly once.
 */
public final class SseChannel {
  private final SseClient client;
  private final Runnable release;
  private final AtomicBoolean closed = new AtomicBoolean();

  SseChannel(SseClient client, Runnable release) {
    this.client = client;
    this.release = release;
  }

  /** False once the browser has gone. */
  public synchronized boolean send(String event, String data) {
    if (!open()) return false;
    try {
      client.sendEvent(event, data);
    } catch (RuntimeException e) {
      close();
      return false;
    }
    return open();
  }

  synchronized boolean ping() {
    if (!open()) return false;
    try {
      client.sendComment("ping");
    } catch (RuntimeException e) {
      close();
      return false;
    }
    return open();
  }

  public boolean open() {
    if (closed.get()) return false;
    if (client.terminated()) {
      close();
      return false;
    }
    return true;
  }

  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    try {
      release.run();
    } finally {
      try {
        client.close();
      } catch (RuntimeException e) {
        // the request is already gone (browser left); nothing more to release
      }
    }
  }
}
