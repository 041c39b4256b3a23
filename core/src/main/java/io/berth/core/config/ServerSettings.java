package io.berth.core.config;

/** Where the HTTP server (health check, web console, Slack HTTP endpoint) listens. */
public record ServerSettings(String host, int port) {
  public static final ServerSettings DEFAULTS = new ServerSettings("127.0.0.1", 8080);
}
