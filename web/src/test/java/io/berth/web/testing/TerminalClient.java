package io.berth.web.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A plain Java WebSocket client for the terminal socket: what the server sent, and how it closed. */
public final class TerminalClient implements WebSocket.Listener {
  public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  public volatile String closeReason;
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  /** Connects to {@code base + path} with the given cookie and Origin (either may be null); {@link Refused} when refused. */
  public static TerminalClient connect(String base, String path, String cookie, String origin) throws Refused {
    TerminalClient c = new TerminalClient();
    WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (cookie != null) b.header("Cookie", cookie);
    if (origin != null) b.header("Origin", origin);
    try {
      c.socket = b.buildAsync(URI.create(base.replaceFirst("^http", "ws") + path), c).get(10, TimeUnit.SECONDS);
      return c;
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) throw new Refused(h.getResponse().statusCode());
      throw new IllegalStateException(e);
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The upgrade was answered with a plain HTTP status instead of 101. */
  public static final class Refused extends Exception {
    public final int status;

    Refused(int status) {
      super("upgrade refused with HTTP " + status);
      this.status = status;
    }
  }

  public void send(String json) {
    socket.sendText(json, true).join();
  }

  public void type(String keys) {
    socket.sendBinary(ByteBuffer.wrap(keys.getBytes(StandardCharsets.UTF_8)), true).join();
  }

  /** Sends without waiting: a server that stopped reading must not hang the test. */
  public void typeAsync(byte[] keys) {
    socket.sendBinary(ByteBuffer.wrap(keys), true);
  }

  public void close() {
    if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  public String next() throws InterruptedException {
    String t = texts.poll(10, TimeUnit.SECONDS);
    if (t == null) throw new AssertionError("no control message within 10 s");
    return t;
  }

  public synchronized String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Waits until the output contains {@code s}. */
  public String awaitOutput(String s) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      if (output().contains(s)) return output();
      Thread.sleep(20);
    }
    throw new AssertionError("output never contained " + s + "; was: " + output());
  }

  public int awaitClose() throws Exception {
    return closeCode.get(10, TimeUnit.SECONDS);
  }

  private volatile boolean reading = true;

  /** Stops taking messages from the socket, as a stuck browser tab would (the server's sends back up). */
  public void stopReading() {
    reading = false;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1); // one message at a time, so that reading can stop
  }

  private void next(WebSocket webSocket) {
    if (reading) webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      texts.add(partial.toString());
      partial.setLength(0);
    }
    next(webSocket);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    byte[] b = new byte[data.remaining()];
    data.get(b);
    synchronized (this) {
      bytes.writeBytes(b);
    }
    next(webSocket);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeReason = reason;
    closeCode.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeCode.completeExceptionally(error);
  }
}
