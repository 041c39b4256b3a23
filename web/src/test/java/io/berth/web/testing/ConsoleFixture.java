package io.berth.web.testing;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.approval.InMemoryApprovalStore;
import io.berth.core.audit.Recordings;
import io.berth.core.config.PolicySettings;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.replica.SharedStore;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.TempDirs;
import io.berth.web.ConsoleSettings;
import io.berth.web.WebConsole;
import io.berth.web.WebServer;
import io.berth.web.terminal.CoreTerminals;
import io.berth.web.terminal.TerminalGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A running console on a free port, wired to a real {@link CommandService} with the configured
 * policy (an admin, a viewer and an admin scoped to {@code pay-*}, with bcrypt-hashed web logins), the real command language and a
 * SQLite audit trail in a temp directory. The engine is the caller's: real or fake.
 */
public final class ConsoleFixture implements AutoCloseable {
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "correct horse battery";
  public static final String VIEWER = "viewer";
  public static final String VIEWER_PASSWORD = "viewer staple";
  /** An admin whose scope is containers named {@code pay-*}. */
  public static final String SCOPED = "scoped";
  public static final String SCOPED_PASSWORD = "scoped battery";

  // hashed once per JVM: bcrypt is slow on purpose
  private static final String ADMIN_HASH = hash(ADMIN_PASSWORD);
  private static final String VIEWER_HASH = hash(VIEWER_PASSWORD);
  private static final String SCOPED_HASH = hash(SCOPED_PASSWORD);

  private final Path dir;
  private final SqliteAuditTrail audit;
  private final CommandService commands;
  private final Recordings recordings;
  private final WebConsole console;
  private final WebServer server;

  public ConsoleFixture(ContainerEngine engine, ConsoleSettings settings) {
    this(engine, settings, Clock.systemUTC());
  }

  /** @param consoleClock the console's clock (sessions, login throttle); the core keeps real time */
  public ConsoleFixture(ContainerEngine engine, ConsoleSettings settings, Clock consoleClock) {
    this(engine, settings, consoleClock, (TerminalGateway) null);
  }

  /** @param shared the store replicas share (sessions); null: this console's own memory */
  public ConsoleFixture(ContainerEngine engine, ConsoleSettings settings, Clock consoleClock, SharedStore shared) {
    this(io.berth.core.engine.Engines.single(engine), settings, consoleClock, null, shared);
  }

  /**
   * With the given terminals behind the Terminal tab and the replay page; null: the core's own
   * ({@link CoreTerminals}, recording into this fixture's temp directory).
   */
  public ConsoleFixture(ContainerEngine engine, ConsoleSettings settings, Clock consoleClock,
      TerminalGateway terminals) {
    this(io.berth.core.engine.Engines.single(engine), settings, consoleClock, terminals, null);
  }

  /** A console of two contexts, {@code prod} (the default) and {@code staging}, each its own engine. */
  public static ConsoleFixture prodAndStaging(ContainerEngine prod, ContainerEngine staging) {
    Map<String, ContainerEngine> byContext = new java.util.LinkedHashMap<>();
    byContext.put("prod", prod);
    byContext.put("staging", staging);
    return new ConsoleFixture(new io.berth.core.engine.Engines(byContext, "prod", List.of()), ConsoleSettings.DEFAULTS,
        Clock.systemUTC());
  }

  /** Several contexts (engine.endpoints), e.g. two engines on one socket under two names. */
  public ConsoleFixture(io.berth.core.engine.Engines engines, ConsoleSettings settings, Clock consoleClock) {
    this(engines, settings, consoleClock, null, null);
  }

  private ConsoleFixture(io.berth.core.engine.Engines engines, ConsoleSettings settings, Clock consoleClock,
      TerminalGateway terminals, SharedStore shared) {
    try {
      dir = Files.createTempDirectory("berth-web-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PolicySettings policy = new PolicySettings(Map.of(), Map.of(
        "ada", new PolicySettings.User("admin", Map.of(), new PolicySettings.WebLogin(ADMIN, ADMIN_HASH),
            PolicySettings.Scope.NONE),
        "vic", new PolicySettings.User("viewer", Map.of(),
            new PolicySettings.WebLogin(VIEWER, VIEWER_HASH), PolicySettings.Scope.NONE),
        "sid", new PolicySettings.User("admin", Map.of(), new PolicySettings.WebLogin(SCOPED, SCOPED_HASH),
            new PolicySettings.Scope(Map.of(), List.of("pay-*")))),
        PolicySettings.Channels.DEFAULTS, PolicySettings.RunGuards.DEFAULTS, PolicySettings.Confirm.DEFAULTS);
    ConfiguredPolicy configured = new ConfiguredPolicy(policy);
    audit = SqliteAuditTrail.open(dir.resolve("audit.db"));
    CoreLimits limits = new CoreLimits(Duration.ofSeconds(60), Duration.ofSeconds(30), 1 << 20, 10_000,
        List.of(dir.resolve("build")), Duration.ofMinutes(5));
    recordings = new Recordings(dir.resolve("recordings"), 1 << 20);
    commands = CommandService.withEngines(new PicocliCommandLanguage(), configured, audit, engines, limits,
        Clock.systemUTC(), new InMemoryApprovalStore(Clock.systemUTC()), null, recordings);
    if (terminals == null) terminals = new CoreTerminals(commands, recordings);
    console = new WebConsole(commands, terminals, (login, pw) -> configured.webAccounts().verify(login, pw).isPresent(), settings,
        consoleClock, Duration.ofMillis(500), shared);
    server = WebServer.start("127.0.0.1", 0, console, cfg -> cfg.routes.get("/boom", ctx -> {
      throw new IllegalStateException("kaboom: secret internals");
    }));
  }

  public ConsoleFixture(ContainerEngine engine) {
    this(engine, ConsoleSettings.DEFAULTS);
  }

  public String base() {
    return "http://127.0.0.1:" + server.port();
  }

  public CommandService commands() {
    return commands;
  }

  public Recordings recordings() {
    return recordings;
  }

  public SqliteAuditTrail audit() {
    return audit;
  }

  public WebConsole console() {
    return console;
  }

  public WebServer server() {
    return server;
  }

  private static String hash(String password) {
    return BCrypt.withDefaults().hashToString(10, password.toCharArray());
  }

  @Override
  public void close() {
    console.close(); // streams first, while their requests still exist
    server.close();
    audit.close();
    TempDirs.deleteRecursively(dir);
  }
}
