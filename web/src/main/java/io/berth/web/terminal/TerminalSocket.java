package io.berth.web.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.core.LogSafe;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.result.Outcome;
import io.berth.core.service.CommandService;
import io.berth.web.auth.AuthGate;
import io.berth.web.auth.Session;
import io.berth.web.http.OriginCheck;
import io.berth.web.http.Outcomes;
import io.berth.web.live.StreamQuota;
import io.berth.web.view.Flash;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's WebSocket ({@code /containers/{id}/terminal/ws}). The upgrade itself is refused
 * unless it carries a console session, comes from the console's own origin (a WebSocket is not
 * bound by the same-origin policy, so without this any site could drive a terminal with the
 * user's cookie), the user may {@code exec} at all, and they hold fewer than
 * {@code web.terminal.maxPerUser} terminals (the slot is taken then, and given back when the socket closes). Then the browser sends an {@code open} message and the
 * core decides (scope, role, run guards on the user, confirmation) and audits, as for any exec.
 *
 * <p>Framing (docs/web-console.md, "Console terminal"): binary frames are terminal bytes (browser →
 * server: keystrokes and pastes; server → browser: what the process prints); text frames are JSON
 * control messages — from the browser {@code open}, {@code resize}; from the server
 * {@code confirm}, {@code opened}, {@code refused}, {@code exit}. Closing the socket (tab closed,
 * idle timeout, server shutdown) closes the session, which ends the exec.
 */
public final class TerminalSocket implements AutoCloseable {
  /** The shells a user may pick; anything else is refused before the core is asked. */
  static final List<String> SHELLS = List.of("sh", "bash", "ash", "zsh");
  /** Close codes (4000-4999 are the application's). */
  static final int IDLE = 4408;
  static final int REFUSED = 1008; // policy violation
  private static final String CALLER = "berth.terminal.caller";
  private static final String CONTAINER = "berth.terminal.container";
  private static final String LEASE = "berth.terminal.lease";
  /** A socket connects within moments of its upgrade; a slot unclaimed this long belongs to a failed one. */
  private static final long UNCLAIMED_MS = 30_000;
  private static final Logger log = LoggerFactory.getLogger(TerminalSocket.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TerminalGateway gateway;
  private final CommandService commands;
  private final AuthGate gate;
  private final OriginCheck origins;
  private final StreamQuota quota;
  private final Duration idleTimeout;
  private final Clock clock;
  private final Map<String, Terminal> open = new ConcurrentHashMap<>();
  /** Slots taken by an upgrade whose socket has not connected yet, and since when. */
  private final Map<StreamQuota.Lease, Long> unclaimed = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "berth-terminal-idle");
    t.setDaemon(true);
    return t;
  });

  public TerminalSocket(TerminalGateway gateway, CommandService commands, AuthGate gate, OriginCheck origins,
      int maxPerUser, Duration idleTimeout, Clock clock) {
    this.gateway = gateway;
    this.commands = commands;
    this.gate = gate;
    this.origins = origins;
    this.quota = new StreamQuota(maxPerUser);
    this.idleTimeout = idleTimeout;
    this.clock = clock;
    long every = Math.max(50, Math.min(1000, idleTimeout.toMillis() / 4));
    sweeper.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
  }

  /** Runs before the upgrade: a refusal here is a plain HTTP answer and no socket is ever opened. */
  public void beforeUpgrade(Context ctx) {
    Optional<Session> session = gate.signedIn(ctx);
    if (session.isEmpty()) {
      refuse(ctx, HttpStatus.UNAUTHORIZED, "Not signed in.");
      return;
    }
    if (!origins.sameOrigin(ctx)) {
      log.warn("terminal upgrade from another origin refused: login {} origin {}", LogSafe.quote(session.get().login()),
          LogSafe.quote(String.valueOf(ctx.header("Origin"))));
      refuse(ctx, HttpStatus.FORBIDDEN, "Terminals open only from the console's own pages.");
      return;
    }
    String container;
    try { // ?context=CTX: the container is CTX/ID, the core's target in that context
      container = io.berth.web.containers.ContextParam.target(commands, ctx.pathParam("id"), ctx.queryParam("context"));
    } catch (io.javalin.http.BadRequestResponse e) {
      refuse(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
      return;
    }
    Caller caller = new Caller(Source.WEB, session.get().login(), session.get().login(), Location.remote(ctx.ip()));
    if (!commands.permits(caller, "exec")) {
      refuse(ctx, HttpStatus.FORBIDDEN, "Your role may not open a terminal.");
      return;
    }
    // the slot is taken here, not when the socket connects: the browser may ask again as soon as it has
    // its 101, before our connect handler ran
    Optional<StreamQuota.Lease> lease = quota.acquire(caller.platformUserId());
    if (lease.isEmpty()) {
      refuse(ctx, HttpStatus.TOO_MANY_REQUESTS, "You have " + quota.max() + " terminals open; close one first.");
      return;
    }
    ctx.attribute(CALLER, caller);
    ctx.attribute(CONTAINER, container);
    ctx.attribute(LEASE, lease.get());
    unclaimed.put(lease.get(), clock.millis()); // an upgrade that never connects gives it back (closeIdle)
  }

  private static void refuse(Context ctx, HttpStatus status, String why) {
    ctx.status(status).contentType("text/plain").result(why);
    ctx.skipRemainingHandlers();
  }

  /** The socket's handlers. */
  public void configure(WsConfig ws) {
    ws.onConnect(this::connected);
    ws.onMessage(this::control);
    ws.onBinaryMessage(this::input);
    ws.onClose(this::closed);
    ws.onError(ctx -> end(ctx.sessionId()));
  }

  private void connected(WsConnectContext ctx) {
    Caller caller = ctx.attribute(CALLER);
    if (caller == null) { // only reachable if the before-upgrade check was not installed
      ctx.closeSession(REFUSED, "Not signed in.");
      return;
    }
    StreamQuota.Lease lease = ctx.attribute(LEASE);
    unclaimed.remove(lease);
    open.put(ctx.sessionId(), new Terminal(ctx, caller, ctx.attribute(CONTAINER), lease, clock.millis()));
    ctx.session.setIdleTimeout(Duration.ZERO); // ours is the idle timeout that counts (input or output)
  }

  private void control(WsMessageContext ctx) {
    Terminal t = open.get(ctx.sessionId());
    if (t == null) return;
    t.touch(clock.millis());
    JsonNode m;
    try {
      m = JSON.readTree(ctx.message());
    } catch (Exception e) {
      t.refuse(new Flash("failed", "Bad message", "The terminal sent a message the server cannot read.", null));
      return;
    }
    switch (m.path("type").asText()) {
      case "open" -> t.open(m);
      case "resize" -> t.resize(m.path("cols").asInt(), m.path("rows").asInt());
      default -> { } // unknown control messages are ignored, as a terminal ignores unknown escapes
    }
  }

  private void input(WsBinaryMessageContext ctx) {
    Terminal t = open.get(ctx.sessionId());
    if (t == null) return;
    t.touch(clock.millis());
    ByteBuffer data = ctx.data();
    byte[] copy = new byte[data.remaining()];
    data.get(copy);
    t.write(copy);
  }

  private void closed(WsCloseContext ctx) {
    end(ctx.sessionId());
  }

  private void end(String socketId) {
    Terminal t = open.remove(socketId);
    if (t != null) t.end();
  }

  private void closeIdle() {
    long now = clock.millis();
    unclaimed.forEach((lease, since) -> {
      if (now - since > UNCLAIMED_MS && unclaimed.remove(lease) != null) lease.release();
    });
    for (Terminal t : open.values()) {
      if (now - t.lastActivity() >= idleTimeout.toMillis()) {
        end(t.socketId()); // the exec first: by the time the browser hears of it, it is gone
        t.closeSocket(IDLE, "Closed after " + idleTimeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
            + " without input or output.");
      }
    }
  }

  /** Terminals open now (tests, diagnostics). */
  public int openCount() {
    return open.size();
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    for (Terminal t : List.copyOf(open.values())) {
      end(t.socketId());
      t.closeSocket(1001, "The server is shutting down.");
    }
  }

  /** One socket and, once opened, its session in the core. */
  private final class Terminal {
    private final WsContext ws;
    private final Caller caller;
    private final String container;
    private final StreamQuota.Lease lease;
    private volatile long lastActivity;
    private TerminalGateway.Session session; // guarded by this
    private boolean ended; // guarded by this

    Terminal(WsContext ws, Caller caller, String container, StreamQuota.Lease lease, long now) {
      this.ws = ws;
      this.caller = caller;
      this.container = container;
      this.lease = lease;
      this.lastActivity = now;
    }

    String socketId() {
      return ws.sessionId();
    }

    long lastActivity() {
      return lastActivity;
    }

    void touch(long now) {
      lastActivity = now;
    }

    void open(JsonNode m) {
      synchronized (this) {
        if (session != null || ended) return;
      }
      String shell = m.path("shell").asText("sh");
      if (!SHELLS.contains(shell)) {
        refuse(new Flash("failed", "Unknown shell", "Pick one of " + String.join(", ", SHELLS) + ".", null));
        return;
      }
      String user = m.path("user").asText("").strip();
      int cols = m.path("cols").asInt(80);
      int rows = m.path("rows").asInt(24);
      if (!sizeOk(cols, rows)) {
        refuse(new Flash("failed", "Bad size", "A terminal is 1..1000 columns and rows.", null));
        return;
      }
      String confirmation = m.hasNonNull("confirm") ? m.get("confirm").asText() : null;
      TerminalGateway.Request request =
          new TerminalGateway.Request(container, List.of(shell), user.isEmpty() ? null : user, cols, rows);
      TerminalGateway.Opening opening;
      try {
        opening = gateway.open(caller, request, confirmation, this::output);
      } catch (RuntimeException e) { // the core answers refusals as outcomes; this is a bug, told as one
        String id = java.util.UUID.randomUUID().toString().substring(0, 8);
        log.error("terminal {} for {} on {} failed to open", id, LogSafe.quote(caller.platformUserId()),
            LogSafe.quote(container), e);
        refuse(new Flash("failed", "Something went wrong", "The server hit an error; it is logged as " + id + ".", id));
        return;
      }
      if (opening instanceof TerminalGateway.Opening.Opened o) opened(o.session());
      else refused(((TerminalGateway.Opening.Refused) opening).outcome());
    }

    private void opened(TerminalGateway.Session s) {
      synchronized (this) {
        if (ended) { // the socket closed while the core was opening it: end the exec at once
          s.close();
          return;
        }
        session = s;
      }
      ObjectNode msg = JSON.createObjectNode().put("type", "opened").put("session", s.id());
      sendText(msg);
      s.exit().thenAccept(code -> {
        synchronized (this) {
          if (ended) return; // we ended it (socket closed, idle, shutdown): the socket's close says why
        }
        sendText(JSON.createObjectNode().put("type", "exit").put("code", code));
        closeSocket(1000, "exited " + code);
      });
    }

    private void refused(Outcome o) {
      if (o instanceof Outcome.ConfirmationRequired c) {
        sendText(JSON.createObjectNode().put("type", "confirm").put("token", c.token()).put("prompt", c.prompt()));
        return; // the socket stays open for the confirmed open
      }
      refuse(Outcomes.flash(o));
    }

    void refuse(Flash f) {
      ObjectNode msg = JSON.createObjectNode().put("type", "refused").put("title", f.title()).put("text", f.text());
      if (f.requestId() != null) msg.put("requestId", f.requestId());
      sendText(msg);
      closeSocket(REFUSED, f.title());
    }

    void resize(int cols, int rows) {
      TerminalGateway.Session s;
      synchronized (this) {
        s = session;
      }
      if (s != null && sizeOk(cols, rows)) s.resize(cols, rows);
    }

    void write(byte[] input) {
      TerminalGateway.Session s;
      synchronized (this) {
        s = session;
      }
      if (s != null) s.write(input);
    }

    /**
     * Sends and waits until the socket took the bytes. Javalin's {@code send} queues without bound, so a process
     * printing faster than a browser reads would pile its output up in this server; waiting here stops reading the
     * exec instead (the engine's connection fills, the process blocks on its terminal, as in a real one). A browser
     * that stops reading leaves the session without activity, and the idle timeout ends it.
     */
    private void output(byte[] bytes) {
      touch(clock.millis());
      synchronized (ws) {
        java.util.concurrent.CompletableFuture<Void> sent = new java.util.concurrent.CompletableFuture<>();
        try {
          ws.session.sendBinary(ByteBuffer.wrap(bytes),
              org.eclipse.jetty.websocket.api.Callback.from(() -> sent.complete(null), sent::completeExceptionally));
          // bounded by more than the idle timeout: by then the sweeper has closed the socket, which fails the send
          sent.get(idleTimeout.toMillis() + 5_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException gone) {
          log.debug("terminal output not delivered (socket closed or not reading): {}", gone.toString());
          if (gone instanceof java.util.concurrent.TimeoutException) end();
        }
      }
    }

    private void sendText(ObjectNode msg) {
      synchronized (ws) {
        try {
          ws.send(msg.toString());
        } catch (RuntimeException gone) {
          log.debug("terminal message after the socket closed: {}", gone.toString());
        }
      }
    }

    void closeSocket(int code, String reason) {
      try {
        ws.closeSession(code, reason.length() > 120 ? reason.substring(0, 120) : reason);
      } catch (RuntimeException gone) {
        log.debug("terminal socket already closed: {}", gone.toString());
      }
    }

    /** Ends the exec (idempotent) and frees the user's slot. */
    void end() {
      TerminalGateway.Session s;
      synchronized (this) {
        if (ended) return;
        ended = true;
        s = session;
      }
      try {
        if (s != null) s.close();
      } finally {
        lease.release();
      }
    }
  }

  private static boolean sizeOk(int cols, int rows) {
    return cols >= 1 && rows >= 1 && cols <= 1000 && rows <= 1000;
  }
}
