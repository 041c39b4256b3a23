package io.berth.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Docker endpoints (each one a context, as docker calls them), the default context, and the bounds the core
 * applies to run, exec and logs.
 */
public record EngineSettings(
    List<Endpoint> endpoints, String defaultContext, Duration runTimeout, Duration execTimeout, int maxOutputBytes,
    int maxLogLines, List<ChannelContext> channelContexts) {
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  /** {@code --context all}: every endpoint; so no endpoint may be called that. */
  public static final String ALL = "all";
  /** docker's context name grammar (cli/context/store: restrictedNamePattern). */
  public static final Pattern CONTEXT_NAME = io.berth.core.command.ContextTarget.CONTEXT_NAME;
  public static final EngineSettings DEFAULTS = new EngineSettings(
      List.of(Endpoint.plain("local", null)), "local", Duration.ofMinutes(2), Duration.ofSeconds(60), 1_048_576, 10_000);

  public EngineSettings {
    endpoints = List.copyOf(endpoints);
    channelContexts = channelContexts == null ? List.of() : List.copyOf(channelContexts);
    if (endpoints.isEmpty()) throw new IllegalArgumentException("at least one endpoint");
    if (defaultContext == null) defaultContext = endpoints.get(0).name();
    String d = defaultContext;
    if (endpoints.stream().noneMatch(e -> e.name().equals(d))) {
      throw new IllegalArgumentException("default context \"" + d + "\" is not an endpoint");
    }
    for (ChannelContext c : channelContexts) {
      if (endpoints.stream().noneMatch(e -> e.name().equals(c.context()))) {
        throw new IllegalArgumentException("channel context \"" + c.context() + "\" is not an endpoint");
      }
    }
  }

  /** Without channel contexts: every channel uses the default context. */
  public EngineSettings(List<Endpoint> endpoints, String defaultContext, Duration runTimeout, Duration execTimeout,
      int maxOutputBytes, int maxLogLines) {
    this(endpoints, defaultContext, runTimeout, execTimeout, maxOutputBytes, maxLogLines, List.of());
  }

  /** Without a default context: the first endpoint is it. */
  public EngineSettings(List<Endpoint> endpoints, Duration runTimeout, Duration execTimeout, int maxOutputBytes,
      int maxLogLines) {
    this(endpoints, null, runTimeout, execTimeout, maxOutputBytes, maxLogLines);
  }

  /** The endpoint of the default context ({@code engine.defaultContext}, else the first). */
  public Endpoint primary() {
    return endpoint(defaultContext).orElseThrow();
  }

  public Optional<Endpoint> endpoint(String name) {
    return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * One Docker endpoint, a context named {@code name}. {@code host} null means: the {@code DOCKER_HOST}
   * environment variable, else {@value #DEFAULT_HOST}; the loader resolves it, so a loaded config always has a
   * host. {@code tls}: a directory with docker's {@code ca.pem}, {@code cert.pem}, {@code key.pem} (the server is
   * verified against that CA); {@code ssh}: for {@code ssh://user@host}, the key and the known_hosts file.
   */
  public record Endpoint(String name, String host, Optional<Path> tls, Optional<Ssh> ssh, Map<String, String> labels) {
    public Endpoint {
      tls = tls == null ? Optional.empty() : tls;
      ssh = ssh == null ? Optional.empty() : ssh;
      labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public Endpoint(String name, String host) {
      this(name, host, Optional.empty(), Optional.empty(), Map.of());
    }

    public static Endpoint plain(String name, String host) {
      return new Endpoint(name, host);
    }

    /** The host, falling back to the local socket when unset. */
    public String hostOrDefault() {
      return host == null ? DEFAULT_HOST : host;
    }
  }

  /**
   * {@code engine.channelContexts[i]}: a chat channel bound to a context; a command typed or pressed there runs in
   * {@code context} unless {@code --context} or a {@code context/NAME} target says otherwise.
   */
  public record ChannelContext(String platform, String channel, String context) {}

  /**
   * How the system {@code ssh} client reaches an {@code ssh://} endpoint: identity and known_hosts (host key checked;
   * null: ssh's own files) and the engine socket on the remote machine that is forwarded.
   */
  public record Ssh(Path identity, Path knownHosts, String socket) {
    public static final String DEFAULT_SOCKET = "/var/run/docker.sock";
    public static final Ssh DEFAULTS = new Ssh(null, null, DEFAULT_SOCKET);

    public Ssh {
      socket = socket == null ? DEFAULT_SOCKET : socket;
    }
  }
}
