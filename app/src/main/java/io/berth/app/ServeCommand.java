package io.berth.app;

import io.berth.bot.discord.DiscordBot;
import io.berth.bot.discord.DiscordSettings;
import io.berth.core.audit.CheckpointWitness;
import io.berth.core.config.AuditSettings;
import io.berth.bot.slack.SlackAdapter;
import io.berth.bot.slack.SlackHttpRequest;
import io.berth.bot.slack.SlackHttpResponse;
import io.berth.bot.slack.SlackOptions;
import io.berth.bot.slack.SlackSettings;
import io.berth.core.config.BerthConfig;
import io.berth.core.engine.EngineException;
import io.berth.core.notify.AlertDetector;
import io.berth.core.notify.Alert;
import io.berth.core.notify.AlertFeed;
import io.berth.web.WebConsole;
import io.berth.web.WebServer;
import io.berth.web.terminal.CoreTerminals;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./berth serve}: the HTTP server (console, {@code /healthz}, Slack HTTP events) and the chat
 * bots, all on one core. An unreachable engine is reported, not fatal: the engine adapter
 * reconnects, and /healthz says degraded until it does.
 */
@Command(name = "serve", description = "Start Berth: web console, health check, Slack and Discord as configured.")
final class ServeCommand implements Callable<Integer> {
  // looked up on use, not in a static field: picocli instantiates every subcommand for every call,
  // and the first logger configures Logback, which `docker help` and friends should not pay for
  private static Logger log() {
    return LoggerFactory.getLogger(ServeCommand.class);
  }

  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    Serving serving = start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      serving.close();
      stopped.countDown();
    }, "berth-shutdown"));
    stopped.await();
    return 0;
  }

  /** A started server: the port it listens on; closing it stops everything {@link #start} started, newest first. */
  record Serving(int port, List<AutoCloseable> open) implements AutoCloseable {
    @Override
    public void close() {
      closeAll(open);
    }
  }

  /** Everything {@code serve} runs, started; {@link #call} then waits for the JVM's shutdown. */
  Serving start() throws Exception {
    BerthConfig cfg = StartupTrace.step("configuration", config::load);
    BerthRuntime berth = StartupTrace.step("wiring (runtime start)", () -> BerthRuntime.start(cfg, true));
    List<AutoCloseable> open = new ArrayList<>();
    open.add(berth);
    try {
      // Neither the engine's first answer (docker-java's first call: its Jackson set-up) nor a first start's admin
      // password (a bcrypt at cost 12) is needed to start listening: both run on other threads meanwhile
      // (docs/benchmarks.md, "Container image"). The password is shown before "listening"; until then no one
      // can know it, so the moment the account is missing from a listening server matters to no one.
      daemonThread(() -> StartupTrace.step("engine ping", () -> reportEngine(berth)), "berth-engine-ping");
      CompletableFuture<Optional<String>> admin = cfg.web().enabled()
          ? CompletableFuture.supplyAsync(
              () -> StartupTrace.step("bootstrap admin", () -> berth.policy.webAccounts().ensureBootstrapAdmin(cfg.data().dir())),
              task -> daemonThread(task, "berth-bootstrap-admin"))
          : CompletableFuture.completedFuture(Optional.empty());
      Replicas replicas = berth.replicas;
      HealthCheck health = new HealthCheck(berth.engines, berth.audit, replicas.leadership());
      // One alert feed for every chat platform: alerts are detected once, carry the container's
      // last log lines everywhere, and each platform only posts them.
      List<Consumer<Alert>> slackAlerts = new ArrayList<>();
      SlackAdapter slack = startSlack(cfg, berth, open, slackAlerts, replicas);
      // Slack is answered by every replica; the Discord gateway and the alert feed run on the leader only
      AtomicReference<DiscordBot> discord = new AtomicReference<>();
      LeaderDuties duties = new LeaderDuties("Discord gateway and alert feed",
          () -> leaderDuties(cfg, berth, replicas, slackAlerts, discord));
      open.add(0, duties);
      open.add(0, replicas.leadership().watch(duties));
      chatWitnesses(cfg, berth, open, slack, discord);

      WebConsole console = null;
      if (cfg.web().enabled()) {
        console = StartupTrace.step("web console", () -> new WebConsole(berth.commands,
            new CoreTerminals(berth.commands, BerthRuntime.recordings(cfg)),
            (login, pw) -> berth.policy.webAccounts().verify(login, pw).isPresent(), cfg.web(), replicas.shared()));
        open.add(0, console::close);
      }
      if (!cfg.policy().approvals().rules().isEmpty()) {
        // a request nobody decided is closed (and audited expired) when it is due, not only when someone presses
        java.util.concurrent.ScheduledExecutorService expiry = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "berth-approval-expiry");
          t.setDaemon(true);
          return t;
        });
        expiry.scheduleWithFixedDelay(() -> {
          try {
            berth.commands.expireOverdue();
          } catch (RuntimeException e) {
            log().warn("closing expired approval requests failed: {}", e.toString());
          }
        }, 15, 15, java.util.concurrent.TimeUnit.SECONDS);
        open.add(0, expiry::shutdownNow);
      }
      SlackAdapter slackOverHttp = cfg.section(SlackSettings.SECTION).socketMode() ? null : slack;
      WebConsole routed = console;
      WebServer server = StartupTrace.step("web server start",
          () -> WebServer.start(cfg.server(), routed, routes -> extraRoutes(routes, health, slackOverHttp)));
      open.add(0, server);
      BerthRuntime.joined(admin).ifPresent(password ->
          // printed once, never stored in clear: only its bcrypt hash is kept in the data directory
          System.err.println("\n  Berth web console: first start, no web user configured.\n"
              + "  Sign in as 'admin' with password: " + password + "\n"
              + "  (shown once; only its hash is stored in " + cfg.data().dir().resolve("web-admin.hash") + ")\n"));
      log().info("Berth listening on http://{}:{}{}", cfg.server().host(), server.port(),
          cfg.web().enabled() ? " (console, /healthz)" : " (/healthz; console disabled)");
      return new Serving(server.port(), open);
    } catch (RuntimeException | Error e) {
      closeAll(open);
      throw e;
    }
  }

  private static void daemonThread(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  private static void reportEngine(BerthRuntime berth) {
    try {
      log().info("Docker engine {} reachable at {}", berth.engine.ping(), berth.engine.endpoint());
    } catch (EngineException e) {
      log().warn("Docker engine not reachable yet; serving anyway and retrying. {}", e.getMessage());
    }
  }

  /**
   * What the leading replica runs: the Discord bot (its gateway connection, approvals and alerts) and
   * the one alert feed; returns how to stop them when leadership is lost (null: nothing to run).
   */
  private static AutoCloseable leaderDuties(BerthConfig cfg, BerthRuntime berth, Replicas replicas,
      List<Consumer<Alert>> slackAlerts, AtomicReference<DiscordBot> discord) {
    List<Consumer<Alert>> sinks = new ArrayList<>(slackAlerts);
    DiscordBot bot = startDiscord(cfg, berth, sinks);
    discord.set(bot);
    AutoCloseable feed = startAlerts(cfg, berth, replicas, sinks);
    if (bot == null && feed == null) return null;
    return () -> {
      if (feed != null) feed.close();
      discord.set(null);
      if (bot != null) bot.close();
    };
  }

  private static AutoCloseable startAlerts(BerthConfig cfg, BerthRuntime berth, Replicas replicas,
      List<Consumer<Alert>> sinks) {
    if (sinks.isEmpty()) return null;
    var n = cfg.notifications();
    Clock clock = Clock.systemUTC();
    // one feed per endpoint, each following its own engine's events (a down one reconnects alone); with several,
    // an alert names its container as context/NAME
    List<AlertFeed> feeds = new ArrayList<>();
    boolean several = berth.engines.several();
    for (String context : berth.engines.contexts()) {
      AlertFeed feed = new AlertFeed(berth.engines.engine(context),
          new AlertDetector(AlertDetector.kinds(n.events()), n.dedupeWindow(), n.maxPerMinute(), clock),
          replicas.shared(), replicas.alertReplay(), clock);
      sinks.forEach(sink -> feed.addSink(several ? alert -> sink.accept(alert.inContext(context)) : sink));
      feed.start();
      feeds.add(feed);
    }
    return () -> feeds.forEach(AlertFeed::close);
  }

  private static SlackAdapter startSlack(BerthConfig cfg, BerthRuntime berth, List<AutoCloseable> open,
      List<Consumer<Alert>> alertSinks, Replicas replicas) throws Exception {
    SlackSettings settings = cfg.section(SlackSettings.SECTION);
    if (!settings.enabled()) return null;
    SlackAdapter slack;
    try {
      slack = SlackAdapter.create(SlackOptions.from(settings), berth.commands, Clock.systemUTC(),
          SlackAdapter.PROGRESS_INTERVAL, berth.memberships, replicas.shared());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UserFacingException("slack: " + e.getMessage(), 2);
    }
    open.add(0, slack);
    if (!settings.notifyChannels().isEmpty()) alertSinks.add(slack.alertSink());
    // held requests are posted and edited in Slack whenever approval rules exist
    if (!cfg.policy().approvals().rules().isEmpty()) slack.watchApprovals(cfg.policy().approvals().channelsOf("slack"));
    slack.start();
    log().info("Slack adapter started ({} mode)", settings.mode());
    return slack;
  }

  private static DiscordBot startDiscord(BerthConfig cfg, BerthRuntime berth, List<Consumer<Alert>> alertSinks) {
    DiscordSettings settings = cfg.section(DiscordSettings.SECTION);
    if (!settings.enabled()) return null;
    DiscordBot discord = new DiscordBot(berth.commands, settings, berth.memberships);
    // held requests are posted and edited in Discord whenever approval rules exist
    if (!cfg.policy().approvals().rules().isEmpty()) {
      discord.watchApprovals(cfg.policy().approvals().channelsOf("discord"));
    }
    try {
      discord.start();
    } catch (IllegalStateException e) {
      throw new UserFacingException("discord: " + e.getMessage(), 2);
    }
    if (!settings.notifyChannels().isEmpty()) alertSinks.add(discord.alertSink());
    log().info("Discord bot started");
    return discord;
  }

  /**
   * {@code audit.witness.chat}: each channel gets every checkpoint through its platform's bot. A
   * platform that is not running here is refused at start (a witness that silently receives
   * nothing would prove nothing). At shutdown one last checkpoint is posted before the bots stop.
   */
  private static void chatWitnesses(BerthConfig cfg, BerthRuntime berth, List<AutoCloseable> open, SlackAdapter slack,
      AtomicReference<DiscordBot> discord) {
    List<AuditSettings.ChatWitness> chat = cfg.audit().chatWitnesses();
    for (int i = 0; i < chat.size(); i++) {
      AuditSettings.ChatWitness w = chat.get(i);
      CheckpointWitness witness = switch (w.platform()) {
        case "slack" -> slack == null ? null : slack.checkpointWitness(w.channel());
        case "discord" -> cfg.section(DiscordSettings.SECTION).enabled() ? leadersDiscord(discord, w.channel()) : null;
        default -> null;
      };
      if (witness == null) {
        throw new UserFacingException("audit.witness.chat[" + i + "].platform: " + w.platform()
            + " is not running in this Berth (known: slack, discord; enable it with " + w.platform()
            + ".enabled: true)", 2);
      }
      berth.addWitness(witness);
      log().info("audit checkpoints are also posted to {}", witness.describe());
    }
    if (!chat.isEmpty()) open.add(0, berth::checkpointNow);
  }

  /**
   * A Discord witness posts through the bot of this replica while it leads (the gateway connection is
   * the leader's); a follower's checkpoints of the same chain are witnessed when it leads.
   */
  private static CheckpointWitness leadersDiscord(AtomicReference<DiscordBot> discord, String channel) {
    return new CheckpointWitness() {
      @Override
      public String describe() {
        return "discord channel " + channel + " (from the leading replica)";
      }

      @Override
      public void witness(io.berth.core.audit.Checkpoint checkpoint) throws Exception {
        DiscordBot bot = discord.get();
        if (bot != null) bot.checkpointWitness(channel).witness(checkpoint);
      }
    };
  }

  private static void extraRoutes(JavalinConfig routes, HealthCheck health, SlackAdapter slack) {
    routes.routes.get("/healthz", ctx -> {
      HealthCheck.Report r = health.check();
      ctx.status(r.healthy() ? 200 : 503).contentType("application/json").result(r.json());
    });
    if (slack != null) {
      routes.routes.post("/slack/events", ctx -> answerSlack(ctx, slack));
    }
  }

  /** Bridges Javalin to the framework-free Slack endpoint; the raw body passes untouched (it is signed). */
  private static void answerSlack(Context ctx, SlackAdapter slack) {
    Map<String, List<String>> headers = new HashMap<>();
    ctx.headerMap().forEach((k, v) -> headers.put(k, List.of(v)));
    SlackHttpResponse r = slack.httpEndpoint().handle(
        new SlackHttpRequest("POST", ctx.path(), ctx.queryParamMap(), headers, ctx.body(), ctx.ip()));
    r.headers().forEach((k, vs) -> vs.forEach(v -> ctx.header(k, v)));
    ctx.status(r.status()).result(r.body());
  }

  private static void closeAll(List<AutoCloseable> open) {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception e) {
        log().debug("closing {}: {}", c, e.toString());
      }
    }
    open.clear();
  }
}
