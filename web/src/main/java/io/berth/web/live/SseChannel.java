package io.berth.web.live;

import io.javalin.http.sse.SseClient;

/** One open SSE connection; sends are serialized because engine threads and timers both write. */
public final class SseChannel {
  private final SseClient client;

  public SseChannel(SseClient client) {
    this.client = client;
  }

  /** False once the browser has gone (a failed write closes the client and runs its onClose). */
  public synchronized boolean send(String event, String data) {
    if (client.terminated()) return false;
    client.sendEvent(event, data);
    return !client.terminated();
  }

  public synchronized boolean ping() {
    if (client.terminated()) return false;
    client.sendComment("ping");
    return !client.terminated();
  }

  public boolean open() {
    return !client.terminated();
  }

  public void close() {
    client.close();
  }
}
