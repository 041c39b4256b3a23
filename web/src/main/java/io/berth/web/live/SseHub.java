package io.berth.web.live;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps track of open SSE connections and pings them, because a browser that went away is only
 * noticed when a write fails; the ping makes sure idle streams (and their engine subscriptions)
 * are released within one interval. Also lends its timer to batchers.
 */
public final class SseHub implements AutoCloseable {
  private final Set<SseChannel> channels = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "berth-web-sse");
    t.setDaemon(true);
    return t;
  });

  public SseHub(Duration pingEvery) {
    long ms = pingEvery.toMillis();
    timer.scheduleAtFixedRate(this::pingAll, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Opens a channel for a client; {@code onClose} runs once when either side ends it. */
  public SseChannel open(SseClient client, Runnable onClose) {
    SseChannel[] self = new SseChannel[1];
    SseChannel ch = new SseChannel(client, () -> {
      channels.remove(self[0]);
      onClose.run();
    });
    self[0] = ch;
    channels.add(ch);
    client.onClose(ch::close);
    client.keepAlive();
    return ch;
  }

  public ScheduledExecutorService timer() {
    return timer;
  }

  public int openCount() {
    return channels.size();
  }

  private void pingAll() {
    for (SseChannel ch : channels) {
      try {
        ch.ping();
      } catch (RuntimeException e) {
        ch.close();
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    channels.forEach(SseChannel::close);
  }
}
