package io.berth.core.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.time.Duration;

/**
 * The two connection pools to one endpoint: ordinary calls (list, inspect, stop...) and long
 * streams (log follows, events, waits, exec, pull, build). Kept apart because a stream holds its
 * pooled connection until closed; sharing one pool lets 100 follows block every other command.
 */
final class DockerClients implements AutoCloseable {
  /** Ordinary calls are short; a small pool is plenty and bounds load on the daemon. */
  static final int ORDINARY_CONNECTIONS = 32;
  /** Each open follow or event feed holds one connection; room for many consoles at once. */
  static final int STREAMING_CONNECTIONS = 1024;
  /**
   * Pings only (health, stream liveness), with a response timeout: a half-started daemon accepts
   * connections but may not answer, and a probe must say so instead of waiting with it. Generous,
   * because a loaded engine answers slowly, and one missed ping does not make the engine lost.
   */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  // docker-java's configuration and command layer, built on first use: a one-shot `ps` reads its one answer
  // without them (ContainerRows), and building them is a large share of such a call (docs/benchmarks.md).
  private final Lazy<DefaultDockerClientConfig> config;
  private final String host;
  private final DockerHttpClient ordinaryHttp;
  private final Lazy<DockerClient> ordinary;
  // Built on first use: a one-shot CLI call (ps, stop…) needs only the ordinary pool, and each
  // Apache client costs tens of milliseconds of start-up (TLS and connection-manager set-up).
  private final Lazy<DockerClient> streaming;
  private final Lazy<DockerClient> probe;

  /** {@code host} null: DOCKER_HOST from the environment, else the local unix socket. */
  DockerClients(String host) {
    this(host, null);
  }

  /**
   * {@code tlsDir}: docker's client certificate directory (ca.pem, cert.pem, key.pem); the server's certificate
   * is verified against that CA (docker-java's LocalDirectorySSLConfig). Null: DOCKER_TLS_VERIFY and
   * DOCKER_CERT_PATH from the environment decide, as for the docker CLI.
   */
  DockerClients(String host, java.nio.file.Path tlsDir) {
    this.config = new Lazy<>(() -> {
      DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
      if (host != null && !host.isBlank()) builder.withDockerHost(host);
      if (tlsDir != null) builder.withDockerTlsVerify(true).withDockerCertPath(tlsDir.toString());
      return builder.build();
    });
    java.net.URI socket = host == null || host.isBlank() || tlsDir != null ? null : java.net.URI.create(host);
    if (socket != null && "unix".equals(socket.getScheme()) && socket.getPath() != null && !socket.getPath().isEmpty()) {
      // a unix socket named in full needs nothing of docker-java's configuration to be reached
      this.host = socket.toString();
      this.ordinaryHttp = new UnixSocketHttpClient(java.nio.file.Path.of(socket.getPath()), ORDINARY_CONNECTIONS);
    } else {
      this.host = config.get().getDockerHost().toString(); // also checks the address now, as before
      this.ordinaryHttp = ordinaryHttp(config.get().getDockerHost());
    }
    this.ordinary = new Lazy<>(() -> DockerClientImpl.getInstance(config.get(), ordinaryHttp));
    // a stream not started yet can be cancelled, freeing its connection (see PendingRequests)
    this.streaming = new Lazy<>(() -> DockerClientImpl.getInstance(config.get(),
        new PendingRequests(ordinaryHttp instanceof UnixSocketHttpClient unix
            ? new Hijacking(unix, http(STREAMING_CONNECTIONS, null)) : http(STREAMING_CONNECTIONS, null))));
    this.probe = new Lazy<>(() -> DockerClientImpl.getInstance(config.get(), http(4, PROBE_TIMEOUT)));
  }

  /**
   * On a unix socket, the JDK's own transport ({@link UnixSocketHttpClient}): building an Apache client costs a
   * one-shot CLI call more than the call itself (docs/benchmarks.md). Elsewhere (tcp, TLS, npipe), Apache.
   */
  private DockerHttpClient ordinaryHttp(java.net.URI host) {
    if ("unix".equals(host.getScheme()) && host.getPath() != null && !host.getPath().isEmpty()) {
      return new UnixSocketHttpClient(java.nio.file.Path.of(host.getPath()), ORDINARY_CONNECTIONS);
    }
    return http(ORDINARY_CONNECTIONS, null);
  }

  private DockerHttpClient http(int maxConnections, Duration responseTimeout) {
    ApacheDockerHttpClient.Builder b = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.get().getDockerHost())
        .sslConfig(config.get().getSSLConfig())
        .maxConnections(maxConnections)
        .connectionTimeout(responseTimeout == null ? Duration.ofSeconds(5) : responseTimeout)
        // Set on every request, or a reused TLS connection reads with the connect timeout that bounded its handshake:
        // httpclient5 5.5 keeps the TLS socket's timeout when it binds it (still the handshake's) and sets it again
        // each time the pooled connection is reused. `events` followed, `logs -f`, `wait` or a quiet attached `run` on
        // a TLS engine then broke off after 5 s without a byte ("Read timed out"). Zero is no timeout, as on the socket.
        .responseTimeout(responseTimeout == null ? Duration.ZERO : responseTimeout);
    return b.build();
  }

  /**
   * Loads, on the caller's thread, what reading the container list uses ({@link ContainerRows}: jackson-core's
   * parser): almost every command lists containers first (ps, and resolving a name for stop, logs, rm...). A
   * one-shot CLI call does this while its audit store opens.
   */
  void preloadContainerList() {
    try {
      ContainerRows.read(new java.io.ByteArrayInputStream("[{\"Id\":\"\",\"Ports\":[]}]".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a constant always reads
    }
  }

  /** Whether docker-java's command layer has been built (a one-shot `ps` never builds it). */
  boolean commandLayerBuilt() {
    return ordinary.isBuilt();
  }

  /**
   * Builds the streaming and probe clients now: {@code serve} uses both as it starts (the console's event feed,
   * the engine check and /healthz), and each is an Apache client whose set-up takes its first user tens of ms.
   */
  void preloadServerClients() {
    streaming.get();
    probe.get();
  }

  String host() {
    return host;
  }

  DockerClient ordinary() {
    return ordinary.get();
  }

  DockerClient streaming() {
    return streaming.get();
  }

  DockerClient probe() {
    return probe.get();
  }

  /** For the few endpoints docker-java does not expose fully (e.g. rmi's Untagged/Deleted lines). */
  DockerHttpClient http() {
    return ordinaryHttp;
  }

  @Override
  public void close() {
    ordinary.ifBuilt(DockerClients::closeQuietly);
    closeQuietly(ordinaryHttp); // also when the command layer was never built (closing twice is harmless)
    streaming.ifBuilt(DockerClients::closeQuietly);
    probe.ifBuilt(DockerClients::closeQuietly);
  }

  /**
   * Streams on a unix socket: upgraded requests ({@code attach}, {@code exec start} with stdin: the sessions) go to the
   * JDK's transport, which shuts the connection's write side at the end of stdin as docker does (the Apache one
   * cannot: a piped {@code cat} would never see its end); everything else to the Apache client.
   */
  private record Hijacking(UnixSocketHttpClient unix, DockerHttpClient other) implements DockerHttpClient {
    @Override
    public Response execute(Request request) {
      return request.hijackedInput() != null ? unix.execute(request) : other.execute(request);
    }

    @Override
    public void close() throws IOException {
      other.close(); // the unix client is the ordinary one: closed with it
    }
  }

  /** A value built once, on first use, by whichever thread asks first. */
  private static final class Lazy<T> {
    private final java.util.function.Supplier<T> build;
    private volatile T value;

    Lazy(java.util.function.Supplier<T> build) {
      this.build = build;
    }

    T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) value = v = build.get();
        }
      }
      return v;
    }

    boolean isBuilt() {
      return value != null;
    }

    void ifBuilt(java.util.function.Consumer<T> action) {
      T v = value;
      if (v != null) action.accept(v);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (IOException e) {
      // shutting down: nothing useful to do
    } catch (Exception e) {
      // same
    }
  }
}
