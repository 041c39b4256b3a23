package io.berth.web.live;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps track of open SSE connections and pings them, because a browser that went away is only
 * noticed when a write fails; the ping makes sure idle streams (and their engine subscriptions)
 * are released within one interval. Caps the streams one login holds ({@link #route}), and lends
 * its timer to batchers.
 */
public final class SseHub implements AutoCloseable {
  private static final String LEASE = "berth.sse.lease";
  private final Set<SseChannel> channels = ConcurrentHashMap.newKeySet();
  private final StreamQuota quota;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "berth-web-sse");
    t.setDaemon(true);
    return t;
  });

  public SseHub(Duration pingEvery, int maxStreamsPerUser) {
    this.quota = new StreamQuota(maxStreamsPerUser);
    long ms = pingEvery.toMillis();
    timer.scheduleAtFixedRate(this::pingAll, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * An SSE route whose streams count against the caller's cap ({@code user} names them). At the
   * cap the answer is 429 with a sentence, before any stream starts. A plain request (not asking
   * for {@code text/event-stream}) opens nothing: it gets that sentence when the cap is reached,
   * else 204 — the page asks this way why its stream was refused (EventSource cannot read a body).
   */
  public Handler route(Function<Context, String> user, Consumer<SseClient> stream) {
    SseHandler sse = new SseHandler(client -> {
      try {
        stream.accept(client);
      } finally {
        // a stream that never opened a channel holds no slot after its handler returns
        StreamQuota.Lease unclaimed = client.ctx().attribute(LEASE);
        if (unclaimed != null) unclaimed.release();
      }
    });
    return ctx -> {
      String who = user.apply(ctx);
      String accept = ctx.header("Accept");
      if (accept == null || !accept.contains("text/event-stream")) {
        if (quota.full(who)) refuse(ctx);
        else ctx.status(HttpStatus.NO_CONTENT);
        return;
      }
      Optional<StreamQuota.Lease> lease = quota.acquire(who);
      if (lease.isEmpty()) {
        refuse(ctx);
        return;
      }
      ctx.attribute(LEASE, lease.get());
      try {
        sse.handle(ctx);
      } catch (Exception | Error e) {
        lease.get().release();
        throw e;
      }
    };
  }

  private void refuse(Context ctx) {
    ctx.status(HttpStatus.TOO_MANY_REQUESTS).contentType("text/plain; charset=utf-8")
        .result("Too many live views open for your login (at most " + quota.max()
            + "). Close another tab or log view; this one reconnects by itself.");
  }

  /** Opens a channel for a client; {@code onClose} runs once when either side ends it (and frees its slot). */
  public SseChannel open(SseClient client, Runnable onClose) {
    StreamQuota.Lease lease = client.ctx().attribute(LEASE);
    if (lease != null) client.ctx().attribute(LEASE, null);
    SseChannel[] self = new SseChannel[1];
    SseChannel ch = new SseChannel(client, () -> {
      channels.remove(self[0]);
      try {
        onClose.run();
      } finally {
        if (lease != null) lease.release();
      }
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
