package io.berth.web.swarm;

import io.berth.core.model.Caller;
import io.berth.core.model.Subscription;
import io.berth.core.service.CommandService;
import io.berth.web.live.SseChannel;
import io.berth.web.live.SseHub;
import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The live part of a Swarm page: the context's Swarm events (through the core, scope-narrowed) turn into fresh rows
 * for the open page, read again through the catalog as the viewer and sent as SSE messages (event name → HTML, e.g.
 * {@code rows}). Events
 * that come in a burst (an update emits several) are coalesced into one read within {@link #COALESCE_MS}.
 */
final class SwarmLive {
  static final long COALESCE_MS = 150;

  private final CommandService commands;
  private final SseHub hub;

  SwarmLive(CommandService commands, SseHub hub) {
    this.commands = commands;
    this.hub = hub;
  }

  /**
   * Sends {@code messages} (SSE event name → rendered HTML, read when sent) to the client after every Swarm event of
   * {@code context}, until it leaves.
   */
  void stream(SseClient client, Caller caller, String context, Supplier<Map<String, String>> messages) {
    AtomicReference<Subscription> sub = new AtomicReference<>();
    SseChannel ch = hub.open(client, () -> {
      Subscription s = sub.getAndSet(null);
      if (s != null) s.close();
    });
    AtomicBoolean pending = new AtomicBoolean();
    Runnable refresh = () -> {
      if (!pending.compareAndSet(false, true)) return;
      hub.timer().schedule(() -> {
        pending.set(false);
        if (ch.open()) messages.get().forEach(ch::send);
      }, COALESCE_MS, TimeUnit.MILLISECONDS);
    };
    var s = commands.watchSwarm(caller, context, event -> refresh.run(), status -> {
      ch.send("engine", banner(status.reachable()));
      if (status.reachable()) refresh.run(); // what changed while the engine was away
    });
    if (s.isEmpty()) {
      ch.send("denied", "not allowed");
      ch.close();
      return;
    }
    sub.set(s.get());
    if (!ch.open()) {
      s.get().close();
      return;
    }
    ch.send("ready", "<span id=\"live\" class=\"live on\" title=\"Rows change as the Swarm reports events\">live</span>");
  }

  static String banner(boolean reachable) {
    return reachable ? "<span hidden></span>"
        : "<div class=\"engine-banner\" role=\"status\">Swarm manager unreachable — reconnecting…"
            + " The list below may be out of date until it is back.</div>";
  }
}
