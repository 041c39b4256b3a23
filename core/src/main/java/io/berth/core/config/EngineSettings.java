package io.berth.core.config;

import java.time.Duration;
import java.util.List;

/** Docker endpoints and the bounds the core applies to run, exec and logs. */
public record EngineSettings(
    List<Endpoint> endpoints, Duration runTimeout, Duration execTimeout, int maxOutputBytes, int maxLogLines) {
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  public static final EngineSettings DEFAULTS = new EngineSettings(
      List.of(new Endpoint("local", null)), Duration.ofMinutes(2), Duration.ofSeconds(60), 1_048_576, 10_000);

  public EngineSettings {
    endpoints = List.copyOf(endpoints);
  }

  /** The first endpoint: the only one used for now. */
  public Endpoint primary() {
    return endpoints.get(0);
  }

  /**
   * One Docker endpoint. {@code host} null means: the {@code DOCKER_HOST} environment variable,
   * else {@value #DEFAULT_HOST}; the loader resolves it, so a loaded config always has a host.
   */
  public record Endpoint(String name, String host) {
    /** The host, falling back to the local socket when unset. */
    public String hostOrDefault() {
      return host == null ? DEFAULT_HOST : host;
    }
  }
}
