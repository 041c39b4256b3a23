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
  private final DockerHttpClient streamingHttp;
  private final DockerClient ordinary;
  private final DockerClient streaming;
  private final DockerClient probe;

  /** {@code host} null: DOCKER_HOST from the environment, else the local unix socket. */
  DockerClients(String host) {
    DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
    if (host != null && !host.isBlank()) builder.withDockerHost(host);
    this.config = builder.build(); // DOCKER_TLS_VERIFY / DOCKER_CERT_PATH come from the environment
    this.ordinaryHttp = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(ORDINARY_CONNECTIONS)
        .connectionTimeout(Duration.ofSeconds(5))
        .build();
    // a stream not started yet can be cancelled, freeing its connection (see PendingRequests)
    this.streamingHttp = new PendingRequests(new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(STREAMING_CONNECTIONS)
        .connectionTimeout(Duration.ofSeconds(5))
        .build());
    DockerHttpClient probeHttp = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(4)
        .connectionTimeout(PROBE_TIMEOUT)
        .responseTimeout(PROBE_TIMEOUT)
        .build();
    this.ordinary = DockerClientImpl.getInstance(config, ordinaryHttp);
    this.probe = DockerClientImpl.getInstance(config, probeHttp);
    this.streaming = DockerClientImpl.getInstance(config, streamingHttp);
  }

  String host() {
    return config.getDockerHost().toString();
  }

  DockerClient ordinary() {
    return ordinary;
  }

  DockerClient streaming() {
    return streaming;
  }

  DockerClient probe() {
    return probe;
  }

  /** For the few endpoints docker-java does not expose fully (e.g. rmi's Untagged/Deleted lines). */
  DockerHttpClient http() {
    return ordinaryHttp;
  }

  @Override
  public void close() {
    closeQuietly(ordinary);
    closeQuietly(streaming);
    closeQuietly(probe);
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
