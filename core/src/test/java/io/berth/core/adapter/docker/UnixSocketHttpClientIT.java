package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.engine.EngineException;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK unix-socket transport against a scripted HTTP/1.1 server on a real unix socket: the framings
 * dockerd uses (length, chunked, until close), request bodies, and connection reuse only when it is safe.
 * The same transport against the real engine: {@code DockerJavaEngineIT}.
 */
class UnixSocketHttpClientIT {
  @TempDir Path dir;
  FakeEngine engine;
  UnixSocketHttpClient client;

  @AfterEach
  void close() throws IOException {
    if (client != null) client.close();
    if (engine != null) engine.close();
  }

  @Test
  void readsAChunkedBodyWholeAndReusesTheConnection() throws IOException {
    start(r -> chunked(200, "[{\"Id\":", "\"abc\"}", "]"));
    assertThat(body(get("/containers/json?all=1"))).isEqualTo("[{\"Id\":\"abc\"}]");
    assertThat(body(get("/containers/json"))).isEqualTo("[{\"Id\":\"abc\"}]");
    assertThat(engine.connections.get()).isEqualTo(1);
    assertThat(engine.requests).extracting(FakeRequest::line)
        .containsExactly("GET /containers/json?all=1 HTTP/1.1", "GET /containers/json HTTP/1.1");
  }

  @Test
  void sendsBytesWithALengthAndAStreamChunkedAndReadsLengthDelimitedBodies() throws IOException {
    start(r -> fixed(201, "{\"Id\":\"x\"}", "Content-Type: application/json"));
    Request json = Request.builder().method(Request.Method.POST).path("/containers/create?name=a")
        .putHeader("Content-Type", "application/json").bodyBytes("{\"Image\":\"busybox\"}".getBytes()).build();
    try (Response r = client.execute(json)) {
      assertThat(r.getStatusCode()).isEqualTo(201);
      assertThat(r.getHeader("content-type")).isEqualTo("application/json");
      assertThat(new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"Id\":\"x\"}");
    }
    byte[] tar = new byte[200_000];
    for (int i = 0; i < tar.length; i++) tar[i] = (byte) i;
    Request put = Request.builder().method(Request.Method.PUT).path("/containers/a/archive?path=/")
        .body(new ByteArrayInputStream(tar)).build();
    try (Response r = client.execute(put)) {
      assertThat(r.getStatusCode()).isEqualTo(201);
    }
    assertThat(engine.requests.get(0).headers()).containsEntry("Content-Length", "19");
    assertThat(engine.requests.get(0).body()).isEqualTo("{\"Image\":\"busybox\"}".getBytes());
    assertThat(engine.requests.get(1).headers()).containsEntry("Transfer-Encoding", "chunked");
    assertThat(engine.requests.get(1).body()).isEqualTo(tar);
    assertThat(engine.connections.get()).isEqualTo(1);
  }

  @Test
  void aConnectionTheEngineClosedWhileIdleIsNotReused() throws IOException {
    start(r -> fixed(200, "ok", "Connection: keep-alive"));
    assertThat(body(get("/_ping"))).isEqualTo("ok");
    engine.dropIdleConnections();
    assertThat(body(get("/_ping"))).isEqualTo("ok");
    assertThat(engine.connections.get()).isEqualTo(2);
  }

  @Test
  void aBodyWithoutLengthIsReadUntilCloseAndItsConnectionIsNotReused() throws IOException {
    start(r -> ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nall of it").getBytes());
    assertThat(body(get("/a"))).isEqualTo("all of it");
    assertThat(body(get("/b"))).isEqualTo("all of it");
    assertThat(engine.connections.get()).isEqualTo(2);
  }

  @Test
  void aResponseClosedBeforeItsEndClosesItsConnectionAndEmptyBodiesDoNotWait() throws IOException {
    start(r -> r.line().startsWith("HEAD") ? "HTTP/1.1 200 OK\r\nContent-Length: 512\r\n\r\n".getBytes()
        : r.line().contains("/204") ? "HTTP/1.1 204 No Content\r\n\r\n".getBytes()
        : fixed(200, "x".repeat(100_000)));
    try (Response r = client.execute(Request.builder().method("HEAD").path("/containers/a/archive").build())) {
      assertThat(r.getStatusCode()).isEqualTo(200);
      assertThat(r.getBody().read()).isEqualTo(-1);
    }
    try (Response r = client.execute(Request.builder().method(Request.Method.POST).path("/204").build())) {
      assertThat(r.getStatusCode()).isEqualTo(204);
      assertThat(r.getBody().read()).isEqualTo(-1);
    }
    assertThat(engine.connections.get()).isEqualTo(1);
    try (Response r = get("/big")) {
      assertThat(r.getBody().read()).isEqualTo('x'); // and no more: the rest is still on the wire
    }
    assertThat(body(get("/big"))).hasSize(100_000);
    assertThat(engine.connections.get()).isEqualTo(2);
  }

  @Test
  void aRequestWaitsForABusyConnectionOnlySoLongAndThenTimesOut() throws IOException {
    engine = new FakeEngine(dir.resolve("engine.sock"), r -> fixed(200, "x".repeat(1000)));
    client = new UnixSocketHttpClient(engine.socket, 1, java.time.Duration.ofMillis(200));
    try (Response held = get("/a")) {
      RuntimeException e = catchRuntime(() -> get("/b"));
      assertThat(e).hasCauseInstanceOf(java.net.SocketTimeoutException.class).hasMessageContaining("1 connections");
      assertThat(new DockerErrors("local", "unix:///x").translate(e).kind())
          .isEqualTo(io.berth.core.result.Failure.TIMEOUT);
    }
    assertThat(body(get("/c"))).hasSize(1000); // the held one, closed, frees its place
  }

  @Test
  void aMissingSocketIsAnIoFailureNamingThePath() {
    client = new UnixSocketHttpClient(dir.resolve("no.sock"), 2);
    assertThatThrownBy(() -> get("/_ping")).isInstanceOf(RuntimeException.class)
        .hasCauseInstanceOf(IOException.class).hasMessageContaining(dir.resolve("no.sock").toString());
    EngineException e = new DockerErrors("local", "unix://" + dir.resolve("no.sock"))
        .translate(catchRuntime(() -> get("/_ping")));
    assertThat(e.kind()).isEqualTo(io.berth.core.result.Failure.ENGINE_UNREACHABLE);
  }

  // --- helpers

  private static RuntimeException catchRuntime(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  private void start(Function<FakeRequest, byte[]> answer) throws IOException {
    engine = new FakeEngine(dir.resolve("engine.sock"), answer);
    client = new UnixSocketHttpClient(engine.socket, 4);
  }

  private Response get(String path) {
    return client.execute(Request.builder().method(Request.Method.GET).path(path).build());
  }

  private static String body(Response r) throws IOException {
    try (r) {
      assertThat(r.getStatusCode()).isEqualTo(200);
      return new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] fixed(int status, String body, String... headers) {
    StringBuilder s = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
    for (String h : headers) s.append(h).append("\r\n");
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    s.append("Content-Length: ").append(b.length).append("\r\n\r\n").append(body);
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] chunked(int status, String... chunks) {
    StringBuilder s = new StringBuilder("HTTP/1.1 " + status + " X\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (String c : chunks) s.append(Integer.toHexString(c.length())).append("\r\n").append(c).append("\r\n");
    return s.append("0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  record FakeRequest(String line, Map<String, String> headers, byte[] body) {}

  /** Answers each request with {@code answer}; keeps the connection open unless the answer says close. */
  static final class FakeEngine implements AutoCloseable {
    final Path socket;
    final AtomicInteger connections = new AtomicInteger();
    final List<FakeRequest> requests = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;
    private final Function<FakeRequest, byte[]> answer;

    FakeEngine(Path socket, Function<FakeRequest, byte[]> answer) throws IOException {
      this.socket = socket;
      this.answer = answer;
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
      Thread t = new Thread(this::accept, "fake-engine");
      t.setDaemon(true);
      t.start();
    }

    void dropIdleConnections() throws IOException {
      for (SocketChannel c : open) c.close();
    }

    private void accept() {
      try {
        while (true) {
          SocketChannel c = server.accept();
          connections.incrementAndGet();
          open.add(c);
          Thread t = new Thread(() -> serve(c), "fake-engine-conn");
          t.setDaemon(true);
          t.start();
        }
      } catch (IOException closed) {
        // test over
      }
    }

    private void serve(SocketChannel c) {
      try (c) {
        InputStream in = new BufferedInputStream(Channels.newInputStream(c));
        OutputStream out = Channels.newOutputStream(c);
        while (true) {
          String line = UnixSocketHttpClient.readLine(in);
          Map<String, String> headers = new TreeMap<>();
          for (String h; !(h = UnixSocketHttpClient.readLine(in)).isEmpty(); ) {
            headers.put(h.substring(0, h.indexOf(':')), h.substring(h.indexOf(':') + 1).trim());
          }
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          if (headers.containsKey("Content-Length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("Content-Length"))));
          } else if ("chunked".equals(headers.get("Transfer-Encoding"))) {
            for (int n; (n = Integer.parseInt(UnixSocketHttpClient.readLine(in), 16)) > 0; ) {
              body.write(in.readNBytes(n));
              UnixSocketHttpClient.readLine(in);
            }
            UnixSocketHttpClient.readLine(in);
          }
          FakeRequest r = new FakeRequest(line, headers, body.toByteArray());
          requests.add(r);
          byte[] response = answer.apply(r);
          out.write(response);
          out.flush();
          if (new String(response, StandardCharsets.ISO_8859_1).contains("Connection: close")) return;
        }
      } catch (IOException | RuntimeException gone) {
        // the client closed the connection, or the test dropped it
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      dropIdleConnections();
    }
  }
}
