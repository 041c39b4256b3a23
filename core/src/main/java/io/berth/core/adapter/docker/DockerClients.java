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

  private final DefaultDockerClientConfig config;
  private final DockerHttpClient ordinaryHttp;
  private final DockerClient ordinary;
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
    DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
    if (host != null && !host.isBlank()) builder.withDockerHost(host);
    if (tlsDir != null) builder.withDockerTlsVerify(true).withDockerCertPath(tlsDir.toString());
    this.config = builder.build();
    this.ordinaryHttp = ordinaryHttp(config.getDockerHost());
    this.ordinary = DockerClientImpl.getInstance(config, ordinaryHttp);
    // a stream not started yet can be cancelled, freeing its connection (see PendingRequests)
    this.streaming = new Lazy<>(() -> DockerClientImpl.getInstance(config,
        new PendingRequests(http(STREAMING_CONNECTIONS, null))));
    this.probe = new Lazy<>(() -> DockerClientImpl.getInstance(config, http(4, PROBE_TIMEOUT)));
  }

  /**
   * On a unix socket, the JDK's own transport ({@link UnixSocketHttpClient}): building an Apache client costs a
   * one-shot CLI call more than the call itself (docs/benchmarks.md). Elsewhere (tcp, TLS, npipe), Apache.
   */
  private DockerHttpClient ordinaryHttp(java.net.URI host) {
    if ("unix".equals(host.getScheme()) && host.getPath() != null && !host.getPath().isEmpty()) {
      return new UnixSocketHttpClient(java.nio.file.Path.of(host.getPath()), ORDINARY_CONNECTIONS,
          () -> http(ORDINARY_CONNECTIONS, null));
    }
    return http(ORDINARY_CONNECTIONS, null);
  }

  private DockerHttpClient http(int maxConnections, Duration responseTimeout) {
    ApacheDockerHttpClient.Builder b = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(maxConnections)
        .connectionTimeout(responseTimeout == null ? Duration.ofSeconds(5) : responseTimeout);
    if (responseTimeout != null) b.responseTimeout(responseTimeout);
    return b.build();
  }

  /**
   * Builds docker-java's reader for the container list now, on the caller's thread: almost every command lists
   * containers first (ps, and resolving a name for stop, logs, rm...), and the first read introspects about a
   * hundred response classes (~0.1 s). A one-shot CLI call does this while its audit store opens.
   */
  void preloadContainerList() {
    try {
      config.getObjectMapper().readValue("[]",
          new com.fasterxml.jackson.core.type.TypeReference<java.util.List<com.github.dockerjava.api.model.Container>>() {});
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // "[]" always reads
    }
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
    return config.getDockerHost().toString();
  }

  DockerClient ordinary() {
    return ordinary;
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
    closeQuietly(ordinary);
    streaming.ifBuilt(DockerClients::closeQuietly);
    probe.ifBuilt(DockerClients::closeQuietly);
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
