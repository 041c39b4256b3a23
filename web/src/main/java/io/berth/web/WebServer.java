package io.berth.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.function.Consumer;

/**
 * Berth's HTTP server: the web console plus whatever routes the launcher adds (health check,
 * Slack events). Close it to stop listening.
 */
public final class WebServer implements AutoCloseable {
  private final Javalin app;

  private WebServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts listening on {@code host:port} (port 0 picks a free one; see {@link #port()}).
   * {@code extraRoutes} runs after the console is installed, e.g.
   * {@code cfg -> cfg.routes.get("/healthz", health::handle)}; routes added there are not
   * behind the console's login.
   */
  public static WebServer start(io.berth.core.config.ServerSettings server, WebConsole console,
      Consumer<JavalinConfig> extraRoutes) {
    return start(server.host(), server.port(), console, extraRoutes);
  }

  /** Same, with an explicit address (tests use port 0). */
  public static WebServer start(String host, int port, WebConsole console, Consumer<JavalinConfig> extraRoutes) {
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.asyncTimeout = 0; // SSE streams stay open until the browser leaves
      config.jetty.host = host;
      config.jetty.port = port;
      if (console != null) console.configure(config);
      if (extraRoutes != null) extraRoutes.accept(config);
    });
    app.start();
    return new WebServer(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
