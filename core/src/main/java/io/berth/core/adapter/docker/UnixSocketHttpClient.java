package io.berth.core.adapter.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 to the engine's unix socket on the JDK's own {@link UnixDomainSocketAddress}, for the ordinary
 * (short, request-response) calls. Apache httpclient5 builds TLS, public-suffix and connection-manager defaults
 * even for a unix socket, which was the largest single cost of a one-shot CLI call (docs/benchmarks.md); this
 * client loads a few dozen JDK classes instead.
 *
 * <p>Only what the Engine API's ordinary calls use: fixed-length, chunked and read-until-close bodies, request
 * bodies as bytes or chunked streams, keep-alive connections kept for reuse (at most {@code maxConnections} at
 * once, like the Apache pool it replaces, waiting at most {@link #WAIT_FOR_CONNECTION} for one; a read that meets
 * a kept connection the engine has just closed is sent again once on a new one). An upgraded ("hijacked") request
 * ({@code attach}, {@code exec start} with stdin) gets a connection of its own, outside that count, as docker's CLI
 * does it (see {@link #hijack}). Failures are {@link IOException}s inside a
 * {@link RuntimeException}, as the Apache transport throws them, so {@link DockerErrors} translates both alike.
 */
final class UnixSocketHttpClient implements DockerHttpClient {
  private static final int MAX_HEAD_LINE = 64 * 1024;
  private static final int MAX_HEADERS = 200;

  /** How long a request waits for one of the busy connections: httpclient5's default, which this replaces. */
  static final Duration WAIT_FOR_CONNECTION = Duration.ofMinutes(3);

  private final UnixDomainSocketAddress address;
  private final int maxConnections;
  private final Duration waitForConnection;
  private final Semaphore permits;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  UnixSocketHttpClient(Path socket, int maxConnections) {
    this(socket, maxConnections, WAIT_FOR_CONNECTION);
  }

  UnixSocketHttpClient(Path socket, int maxConnections, Duration waitForConnection) {
    this.waitForConnection = waitForConnection;
    this.address = UnixDomainSocketAddress.of(socket);
    this.maxConnections = maxConnections;
    this.permits = new Semaphore(maxConnections, true);
  }

  @Override
  public Response execute(Request request) {
    if (request.hijackedInput() != null) return hijack(request);
    try {
      if (!permits.tryAcquire(waitForConnection.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new RuntimeException(new SocketTimeoutException("all " + maxConnections + " connections to the engine "
            + "stayed busy for " + waitForConnection.toSeconds() + " s"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(new InterruptedIOException("interrupted while waiting for a connection"));
    }
    Connection c = null;
    try {
      c = connection();
      try {
        c.send(request);
        return c.receive(request.method(), this);
      } catch (IOException e) {
        // the engine closed a kept connection just as it was reused (it never saw the request): a read is
        // sent again, once, on a new connection, as httpclient5 does; anything else fails as it happened
        if (!c.reused || c.answered || !isRead(request)) throw e;
        c.closeQuietly();
        c = new Connection(SocketChannel.open(StandardProtocolFamily.UNIX), address);
        c.send(request);
        return c.receive(request.method(), this);
      }
    } catch (IOException e) {
      if (c != null) c.closeQuietly();
      permits.release();
      throw new RuntimeException(e);
    } catch (RuntimeException | Error e) {
      if (c != null) c.closeQuietly();
      permits.release();
      throw e;
    }
  }

  private static boolean isRead(Request request) {
    return (request.method().equals("GET") || request.method().equals("HEAD")) && request.body() == null;
  }

  /**
   * An upgraded request as docker's CLI makes it: on a connection of its own, {@code Upgrade: tcp}; once the engine
   * answered (101, or 200 from an engine that does not upgrade), the connection is a raw stream both ways. The
   * response body is what the engine sends until it closes (stdout and stderr frames, or a TTY's bytes);
   * {@code hijackedInput} is copied to the engine on a thread of its own, and at its end the write side is shut
   * (docker's CloseWrite), so the process reads end-of-file while its output still comes back. Closing the
   * response closes the connection, which ends both. An error status is an ordinary response (its JSON message).
   */
  private Response hijack(Request request) {
    synchronized (this) {
      if (closed) throw new IllegalStateException("the engine client is closed");
    }
    Connection c = null;
    try {
      c = new Connection(SocketChannel.open(StandardProtocolFamily.UNIX), address);
      Map<String, String> headers = new java.util.LinkedHashMap<>(request.headers());
      headers.put("Connection", "Upgrade");
      headers.put("Upgrade", "tcp");
      c.send(request, headers);
      Head head = c.head();
      if (head.code() != 101 && head.code() != 200) {
        Body body = c.body(request.method(), head);
        return new UnixResponse(head.code(), head.headers(), body, false, c, null);
      }
      c.copyToEngine(request.hijackedInput());
      return new UnixResponse(200, head.headers(), new Body(c.in, false), false, c, null);
    } catch (IOException e) {
      if (c != null) c.closeQuietly();
      throw new RuntimeException(e);
    } catch (RuntimeException | Error e) {
      if (c != null) c.closeQuietly();
      throw e;
    }
  }

  /** An idle connection the engine has not closed meanwhile, else a new one. */
  private Connection connection() throws IOException {
    while (true) {
      Connection c;
      synchronized (this) {
        if (closed) throw new IOException("the engine client is closed");
        c = idle.pollFirst();
      }
      if (c == null) return new Connection(SocketChannel.open(StandardProtocolFamily.UNIX), address);
      if (c.stillOpen()) {
        c.reused = true;
        return c;
      }
      c.closeQuietly();
    }
  }

  /** A response whose body was read to its end on a keep-alive connection hands the connection back here. */
  private void done(Connection c, boolean reusable) {
    boolean kept = false;
    if (reusable) {
      synchronized (this) {
        if (!closed) {
          idle.addFirst(c);
          kept = true;
        }
      }
    }
    if (!kept) c.closeQuietly();
    permits.release();
  }

  @Override
  public void close() throws IOException {
    List<Connection> open;
    synchronized (this) {
      closed = true;
      open = new ArrayList<>(idle);
      idle.clear();
    }
    open.forEach(Connection::closeQuietly);
  }

  /** One socket: requests written to it, responses read from it, one at a time. */
  private static final class Connection {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    /** Taken from the idle connections (it may have been closed by the engine since the check). */
    boolean reused;
    /** A status line came back on it for the current request. */
    boolean answered;

    Connection(SocketChannel channel, UnixDomainSocketAddress address) throws IOException {
      this.channel = channel;
      try {
        channel.connect(address);
      } catch (IOException e) {
        closeQuietly();
        throw new IOException(address.getPath() + ": " + e.getMessage(), e);
      }
      this.in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
      this.out = Channels.newOutputStream(channel);
    }

    /** An idle connection is still usable when the engine has neither closed it nor sent anything unasked. */
    boolean stillOpen() {
      if (!channel.isOpen()) return false;
      try {
        if (in.available() > 0) return false;
        channel.configureBlocking(false);
        try {
          return channel.read(ByteBuffer.allocate(1)) == 0;
        } finally {
          channel.configureBlocking(true);
        }
      } catch (IOException e) {
        return false;
      }
    }

    void send(Request request) throws IOException {
      send(request, request.headers());
    }

    void send(Request request, Map<String, String> headers) throws IOException {
      answered = false;
      if (containsLineBreak(request.path(), headers)) throw new IllegalArgumentException("a line break in a request header or path");
      StringBuilder head = new StringBuilder(256);
      head.append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n");
      head.append("Host: localhost:2375\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      byte[] bytes = request.bodyBytes();
      InputStream stream = bytes == null ? request.body() : null;
      if (bytes != null) head.append("Content-Length: ").append(bytes.length).append("\r\n");
      else if (stream != null) head.append("Transfer-Encoding: chunked\r\n");
      head.append("\r\n");
      ByteArrayOutputStream first = new ByteArrayOutputStream(head.length() + (bytes == null ? 0 : bytes.length));
      first.write(head.toString().getBytes(StandardCharsets.UTF_8));
      if (bytes != null) first.write(bytes);
      first.writeTo(out);
      if (stream != null) {
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = stream.read(buf)) > 0; ) {
          out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(buf, 0, n);
          out.write('\r');
          out.write('\n');
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
    }

    /** Paths and headers come from docker-java; this only makes sure no CR or LF reaches the wire from them. */
    private static boolean containsLineBreak(String path, Map<String, String> headers) {
      if (hasLineBreak(path)) return true;
      for (Map.Entry<String, String> h : headers.entrySet()) {
        if (hasLineBreak(h.getKey()) || hasLineBreak(h.getValue())) return true;
      }
      return false;
    }

    private static boolean hasLineBreak(String s) {
      return s != null && (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0);
    }

    UnixResponse receive(String method, UnixSocketHttpClient pool) throws IOException {
      Head head = head();
      Body body = body(method, head);
      boolean keepAlive = head.keepAlive() && body.delimited();
      return new UnixResponse(head.code(), head.headers(), body, keepAlive, this, pool);
    }

    /** The status line and headers. */
    Head head() throws IOException {
      String status = readLine(in);
      while (status.isEmpty()) status = readLine(in); // tolerate a stray CRLF before the status line
      answered = true;
      // HTTP/1.1 200 OK
      String[] parts = status.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("not an HTTP response: " + status);
      int code;
      try {
        code = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("not an HTTP status: " + status);
      }
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 0; ; i++) {
        String line = readLine(in);
        if (line.isEmpty()) break;
        if (i == MAX_HEADERS) throw new IOException("too many response headers");
        int colon = line.indexOf(':');
        if (colon <= 0) throw new IOException("malformed response header: " + line);
        headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>(1))
            .add(line.substring(colon + 1).trim());
      }
      boolean keepAlive = parts[0].equals("HTTP/1.1") && !hasToken(headers.get("Connection"), "close");
      return new Head(code, Collections.unmodifiableMap(headers), keepAlive);
    }

    /** The body as the head delimits it (a body read until the engine closes is not delimited). */
    Body body(String method, Head head) throws IOException {
      int code = head.code();
      String encoding = last(head.headers().get("Transfer-Encoding"));
      String length = last(head.headers().get("Content-Length"));
      if (method.equals("HEAD") || code == 204 || code == 304 || code / 100 == 1) {
        return new Body(InputStream.nullInputStream(), true);
      } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
        return new Body(new ChunkedInput(in), true);
      } else if (length != null && (encoding == null || encoding.equalsIgnoreCase("identity") == false)) {
        long n;
        try {
          n = Long.parseLong(length);
        } catch (NumberFormatException e) {
          throw new IOException("malformed Content-Length: " + length);
        }
        return new Body(new LengthInput(in, n), true);
      }
      return new Body(in, false); // until the engine closes the connection
    }

    /**
     * A hijacked connection's input side: {@code input} to the engine as it comes, then the write side shut (the
     * engine closes the process's stdin); the read side stays open for the output. Ends quietly when the connection
     * is closed first (the session ended).
     */
    void copyToEngine(InputStream input) {
      Thread copy = new Thread(() -> {
        byte[] buf = new byte[32 * 1024];
        try {
          for (int n; (n = input.read(buf)) >= 0; ) {
            // on the channel itself: a stream from Channels holds the channel's blocking lock while it waits, and
            // the output's reader waits on it all the time
            ByteBuffer chunk = ByteBuffer.wrap(buf, 0, n);
            while (chunk.hasRemaining()) channel.write(chunk);
          }
          channel.shutdownOutput();
        } catch (IOException e) {
          // the connection closed under us: the session is over, and its end was said elsewhere
        }
      }, "berth-engine-stdin");
      copy.setDaemon(true); // a blocked read of the caller's input must not keep the JVM alive
      copy.start();
    }

    void closeQuietly() {
      try {
        channel.close();
      } catch (IOException e) {
        // already broken: nothing to do
      }
    }
  }

  private static boolean hasToken(List<String> values, String token) {
    if (values == null) return false;
    for (String v : values) {
      for (String t : v.split(",")) if (t.trim().equalsIgnoreCase(token)) return true;
    }
    return false;
  }

  private static String last(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }

  /** One CRLF- (or LF-) terminated line of the response head, without its terminator. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) throw new EOFException("the engine closed the connection mid-response");
      if (line.size() == MAX_HEAD_LINE) throw new IOException("response header line too long");
      line.write(b);
    }
    byte[] bytes = line.toByteArray();
    int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** A response's status, headers, and whether the engine keeps the connection. */
  private record Head(int code, Map<String, List<String>> headers, boolean keepAlive) {}

  /** A response body and whether reading it to its end leaves the connection at the next response. */
  private record Body(InputStream stream, boolean delimited) {}

  private static final class UnixResponse implements Response {
    private final int status;
    private final Map<String, List<String>> headers;
    private final Body body;
    private final boolean keepAlive;
    private final Connection connection;
    private final UnixSocketHttpClient pool;
    private boolean closed;

    UnixResponse(int status, Map<String, List<String>> headers, Body body, boolean keepAlive, Connection connection,
        UnixSocketHttpClient pool) {
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.keepAlive = keepAlive;
      this.connection = connection;
      this.pool = pool;
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return headers;
    }

    @Override
    public String getHeader(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public InputStream getBody() {
      return body.stream();
    }

    /**
     * Reusable only when the whole body was read: closing early closes the socket (the Apache client aborts too). A
     * hijacked connection (no pool) is never reused.
     */
    @Override
    public synchronized void close() {
      if (closed) return;
      closed = true;
      if (pool == null) {
        connection.closeQuietly();
        return;
      }
      // the empty body of HEAD, 204 and 304 is at its end; one read until close never is
      boolean atEnd = body.stream() instanceof EndAware e ? e.atEnd() : body.delimited();
      pool.done(connection, keepAlive && atEnd);
    }
  }

  /** A body stream that knows whether it was read to its end. */
  private interface EndAware {
    boolean atEnd();
  }

  /** {@code Content-Length} bytes, then end of stream. */
  private static final class LengthInput extends InputStream implements EndAware {
    private final InputStream in;
    private long left;

    LengthInput(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left == 0) return -1;
      int b = in.read();
      if (b < 0) throw new EOFException("the engine closed the connection " + left + " bytes before the body's end");
      left--;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) return 0;
      if (left == 0) return -1;
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) throw new EOFException("the engine closed the connection " + left + " bytes before the body's end");
      left -= n;
      return n;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), left);
    }

    @Override
    public boolean atEnd() {
      return left == 0;
    }
  }

  /** {@code Transfer-Encoding: chunked}: chunk after chunk until the empty one (and its trailers). */
  private static final class ChunkedInput extends BlockInputStream implements EndAware {
    private final InputStream in;
    private long left; // of the current chunk
    private boolean end;

    ChunkedInput(InputStream in) {
      this.in = in;
    }

    private boolean nextChunk() throws IOException {
      if (end) return false;
      if (left > 0) return true;
      String size = readLine(in);
      int ext = size.indexOf(';');
      try {
        left = Long.parseLong((ext >= 0 ? size.substring(0, ext) : size).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunk size: " + size);
      }
      if (left < 0) throw new IOException("malformed chunk size: " + size);
      if (left == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers: none that matter here
        }
        end = true;
        return false;
      }
      return true;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) return 0;
      if (!nextChunk()) return -1;
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) throw new EOFException("the engine closed the connection inside a chunk");
      left -= n;
      if (left == 0 && !readLine(in).isEmpty()) throw new IOException("malformed chunk: no CRLF after its data");
      return n;
    }

    @Override
    public int available() throws IOException {
      return end ? 0 : (int) Math.min(in.available(), left);
    }

    @Override
    public boolean atEnd() {
      return end;
    }
  }
}
