package io.berth.web;

import io.berth.core.model.Subscription;
import io.berth.core.service.CommandService;
import io.berth.web.approvals.ApprovalsController;
import io.berth.web.audit.AuditController;
import io.berth.web.auth.AuthController;
import io.berth.web.auth.AuthGate;
import io.berth.web.auth.LoginThrottle;
import io.berth.web.auth.SessionStore;
import io.berth.core.replica.SharedStore;
import io.berth.web.command.CommandBarController;
import io.berth.web.command.ConfirmController;
import io.berth.web.containers.ContainerController;
import io.berth.web.containers.ContainersController;
import io.berth.web.http.ConsoleRole;
import io.berth.web.http.ErrorMapping;
import io.berth.web.http.OriginCheck;
import io.berth.web.http.Outcomes;
import io.berth.web.http.RequestContext;
import io.berth.web.http.SecurityHeaders;
import io.berth.web.images.ImagesController;
import io.berth.web.live.EventRing;
import io.berth.web.live.JobBoard;
import io.berth.web.live.SseHub;
import io.berth.web.run.RunController;
import io.berth.web.swarm.NodesController;
import io.berth.web.swarm.ServicesController;
import io.berth.web.terminal.ReplayController;
import io.berth.web.terminal.TerminalGateway;
import io.berth.web.terminal.TerminalSocket;
import io.berth.web.view.Views;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The web console: its controllers, live streams and routes. Every user action goes through the
 * {@link CommandService}; this class only wires. Install it on a Javalin config with
 * {@link #configure(JavalinConfig)} (or let {@code WebServer.start} do it); on shutdown close the
 * console first (it ends its SSE streams), then the server.
 */
public final class WebConsole implements AutoCloseable {
  private final CommandService commands;
  private final ConsoleSettings settings;
  private final Clock clock;
  private final Views views = new Views();
  private final SessionStore sessions;
  private final LoginThrottle throttle;
  private final LoginVerifier logins;
  private final SseHub hub;
  private final JobBoard jobs;
  private final EventRing ring = new EventRing(2000, 200);
  private final TerminalGateway terminals;
  private TerminalSocket terminalSocket;
  /** One per context: the timeline shows a container's events whichever engine it is on. */
  private java.util.List<Subscription> ringFeed;

  /** As the launcher builds it: the core, the configured web accounts, the {@code web:} settings. */
  public WebConsole(CommandService commands, LoginVerifier logins, io.berth.core.config.WebSettings web) {
    this(commands, logins, ConsoleSettings.from(web));
  }

  public WebConsole(CommandService commands, LoginVerifier logins, ConsoleSettings settings) {
    this(commands, logins, settings, Clock.systemUTC(), Duration.ofSeconds(15));
  }

  /** For tests: a clock, and how often idle SSE streams are pinged (the bound on noticing a closed tab). */
  public WebConsole(CommandService commands, LoginVerifier logins, ConsoleSettings settings, Clock clock,
      Duration ssePing) {
    this(commands, TerminalGateway.NONE, logins, settings, clock, ssePing, null);
  }

  /** With the core's terminals (the container page's Terminal tab and the session replays). */
  public WebConsole(CommandService commands, TerminalGateway terminals, LoginVerifier logins,
      io.berth.core.config.WebSettings web) {
    this(commands, terminals, logins, web, null);
  }

  /**
   * As the launcher builds it: the core's terminals, and for replicas the store they share (sessions live there;
   * null: this console's own memory).
   */
  public WebConsole(CommandService commands, TerminalGateway terminals, LoginVerifier logins,
      io.berth.core.config.WebSettings web, SharedStore shared) {
    this(commands, terminals, logins, ConsoleSettings.from(web), Clock.systemUTC(), Duration.ofSeconds(15), shared);
  }

  /** For tests: everything, including the terminals. */
  public WebConsole(CommandService commands, TerminalGateway terminals, LoginVerifier logins, ConsoleSettings settings,
      Clock clock, Duration ssePing) {
    this(commands, terminals, logins, settings, clock, ssePing, null);
  }

  /** @param shared where sessions live, shared by every replica (null: this console's own memory) */
  public WebConsole(CommandService commands, TerminalGateway terminals, LoginVerifier logins, ConsoleSettings settings,
      Clock clock, Duration ssePing, SharedStore shared) {
    this.commands = commands;
    this.terminals = terminals;
    this.logins = logins;
    this.settings = settings;
    this.clock = clock;
    this.sessions = shared == null ? new SessionStore(clock, settings.sessionIdle())
        : new SessionStore(shared, clock, settings.sessionIdle());
    this.throttle = new LoginThrottle(clock, settings.loginThrottle());
    this.hub = new SseHub(ssePing, settings.maxStreamsPerUser());
    this.jobs = new JobBoard(clock);
  }

  /** Installs static assets, security headers, the session gate, error mapping and all console routes. */
  public synchronized void configure(JavalinConfig config) {
    if (ringFeed == null) ringFeed = commands.contexts().stream().map(c -> commands.systemEvents(c, ring::add)).toList();
    // Javalin's own class-path file handler, not Jetty's: Jetty serves class-path files from a zip file system of
    // the jar, and mounting Berth's (~33,000 entries) read its whole directory, the largest single cost of a
    // server start (docs/benchmarks.md, "Container image"); the same files, types and cache headers either way
    config.resourceHandler(new io.javalin.http.staticfiles.JavalinStaticResourceHandler());
    config.staticFiles.enableWebjars();
    config.staticFiles.add(sf -> {
      sf.hostedPath = "/static";
      sf.directory = "/static";
      sf.location = Location.CLASSPATH;
    });
    config.jetty.multipartConfig.maxFileSize(512, SizeUnit.MB);
    config.jetty.multipartConfig.maxTotalRequestSize(520, SizeUnit.MB);
    config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
    routes(config.routes);
  }

  void routes(RoutesConfig r) {
    RequestContext req = new RequestContext(commands, settings.logLinesKept());
    Outcomes outcomes = new Outcomes(views);
    OriginCheck origins = new OriginCheck(settings.publicUrl());
    AuthGate gate = new AuthGate(sessions, origins);
    AuthController auth = new AuthController(logins, sessions, throttle, origins, views);
    ContainersController containers = new ContainersController(commands, req, views, outcomes, hub);
    ContainerController container =
        new ContainerController(commands, req, views, outcomes, hub, ring, settings.logLinesKept(), clock);
    ImagesController images = new ImagesController(commands, req, views, outcomes, hub, jobs);
    RunController run = new RunController(commands, req, views, outcomes);
    CommandBarController bar = new CommandBarController(commands, req, views, outcomes);
    ConfirmController confirm = new ConfirmController(commands, req, outcomes);
    AuditController audit = new AuditController(commands, req, views);
    ApprovalsController approvals = new ApprovalsController(commands, req, views, outcomes, hub);
    ServicesController services = new ServicesController(commands, req, views, outcomes, hub, jobs);
    NodesController nodes = new NodesController(commands, req, views, outcomes, hub);
    ErrorMapping errors = new ErrorMapping(views);
    terminalSocket = new TerminalSocket(terminals, commands, gate, origins, settings.terminal().maxPerUser(),
        settings.terminal().idleTimeout(), clock);
    ReplayController replay = new ReplayController(terminals, req, views);
    Routes in = new Routes(r, gate);

    r.before(SecurityHeaders::apply);
    // every request, every method: the gate decides by path (see AuthGate)
    r.before(gate::check);
    r.exception(Exception.class, errors::handle);

    r.get("/login", auth::form);
    r.post("/login", auth::login);
    in.post("/logout", auth::logout);
    in.get("/", ctx -> ctx.redirect("/containers", HttpStatus.SEE_OTHER));

    in.get("/containers", containers::list);
    in.sse("/containers/events", containers::events);
    in.post("/containers/action", containers::action);
    in.get("/containers/{id}", container::page);
    in.get("/containers/{id}/stats", container::stats);
    in.get("/containers/{id}/logs", container::logs);
    in.sse("/containers/{id}/logs/follow", container::follow);
    in.get("/containers/{id}/logs/download", container::download);
    in.post("/containers/{id}/exec", container::exec);
    in.get("/containers/{id}/timeline", container::timeline);
    // not behind the gate (Javalin routes upgrades past it): the socket checks session and origin itself
    r.wsBeforeUpgrade("/containers/{id}/terminal/ws", terminalSocket::beforeUpgrade);
    r.ws("/containers/{id}/terminal/ws", terminalSocket::configure);

    in.get("/run", run::form);
    in.post("/run", run::run);

    in.get("/images", images::list);
    in.post("/images/pull", images::pull);
    in.post("/images/build", images::build);
    in.post("/images/rm", images::remove);
    in.sse("/jobs/{id}/events", images::jobEvents);

    in.post("/command", bar::submit);
    in.post("/confirm", confirm::confirm);
    in.post("/confirm/cancel", confirm::cancel);

    in.get("/services", services::list);
    in.sse("/services/events", services::events);
    in.get("/services/{name}", services::page);
    in.sse("/services/{name}/events", services::serviceEvents);
    in.post("/services/{name}/scale", services::scale);
    in.post("/services/{name}/update", services::update);
    in.post("/services/{name}/rollback", services::rollback);
    in.post("/services/{name}/rm", services::remove);
    in.get("/nodes", nodes::list);
    in.sse("/nodes/events", nodes::events);
    in.post("/nodes/{id}/availability", nodes::availability);

    in.get("/approvals", approvals::page);
    in.get("/approvals/list", approvals::list);
    in.sse("/approvals/events", approvals::events);
    in.post("/approvals/{id}/approve", approvals::approve);
    in.post("/approvals/{id}/reject", approvals::reject);

    in.get("/audit", audit::list);
    in.get("/audit/export", audit::export);
    in.get("/audit/sessions/{id}", replay::page);
    in.get("/audit/sessions/{id}/cast", replay::cast);
  }

  /** Registers signed-in routes: the path goes behind the gate for every method, SSE routes under the stream cap. */
  private final class Routes {
    private final RoutesConfig r;
    private final AuthGate gate;

    Routes(RoutesConfig r, AuthGate gate) {
      this.r = r;
      this.gate = gate;
    }

    void get(String path, Handler h) {
      gate.protect(path);
      r.get(path, h, ConsoleRole.SIGNED_IN);
    }

    void post(String path, Handler h) {
      gate.protect(path);
      r.post(path, h, ConsoleRole.SIGNED_IN);
    }

    void sse(String path, Consumer<SseClient> stream) {
      gate.protect(path);
      r.get(path, hub.route(ctx -> RequestContext.login(ctx), stream), ConsoleRole.SIGNED_IN);
    }
  }

  /** Open terminals (for tests and diagnostics). */
  public int openTerminals() {
    return terminalSocket == null ? 0 : terminalSocket.openCount();
  }

  /** Open SSE streams (for tests and diagnostics). */
  public int openStreams() {
    return hub.openCount();
  }

  @Override
  public synchronized void close() {
    if (ringFeed != null) ringFeed.forEach(Subscription::close);
    if (terminalSocket != null) terminalSocket.close();
    hub.close();
    jobs.close();
  }
}
