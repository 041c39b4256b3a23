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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
    BerthConfig cfg = config.load();
    BerthRuntime berth = BerthRuntime.start(cfg, true);
    List<AutoCloseable> open = new ArrayList<>();
    open.add(berth);
    try {
      reportEngine(berth);
      HealthCheck health = new HealthCheck(berth.engine, berth.audit);
      // One alert feed for every chat platform: alerts are detected once, carry the container's
      // last log lines everywhere, and each platform only posts them.
      List<Consumer<Alert>> alertSinks = new ArrayList<>();
      SlackAdapter slack = startSlack(cfg, berth, open, alertSinks);
      DiscordBot discord = startDiscord(cfg, berth, open, alertSinks);
      startAlerts(cfg, berth, open, alertSinks);
      chatWitnesses(cfg, berth, open, slack, discord);

      WebConsole console = null;
      if (cfg.web().enabled()) {
        berth.policy.webAccounts().ensureBootstrapAdmin(cfg.data().dir()).ifPresent(password ->
            // printed once, never stored in clear: only its bcrypt hash is kept in the data directory
            System.err.println("\n  Berth web console: first start, no web user configured.\n"
                + "  Sign in as 'admin' with password: " + password + "\n"
                + "  (shown once; only its hash is stored in " + cfg.data().dir().resolve("web-admin.hash") + ")\n"));
        console = new WebConsole(berth.commands, new CoreTerminals(berth.commands, BerthRuntime.recordings(cfg)),
            (login, pw) -> berth.policy.webAccounts().verify(login, pw).isPresent(), cfg.web());
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
      WebServer server = WebServer.start(cfg.server(), console, routes -> extraRoutes(routes, health, slackOverHttp));
      open.add(0, server);
      log().info("Berth listening on http://{}:{}{}", cfg.server().host(), server.port(),
          cfg.web().enabled() ? " (console, /healthz)" : " (/healthz; console disabled)");

      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        closeAll(open);
        stopped.countDown();
      }, "berth-shutdown"));
      stopped.await();
      return 0;
    } catch (RuntimeException | Error e) {
      closeAll(open);
      throw e;
    }
  }

  private static void reportEngine(BerthRuntime berth) {
    try {
      log().info("Docker engine {} reachable at {}", berth.engine.ping(), berth.engine.endpoint());
    } catch (EngineException e) {
      log().warn("Docker engine not reachable yet; serving anyway and retrying. {}", e.getMessage());
    }
  }

  private static void startAlerts(BerthConfig cfg, BerthRuntime berth, List<AutoCloseable> open,
      List<Consumer<Alert>> sinks) {
    if (sinks.isEmpty()) return;
    var n = cfg.notifications();
    AlertFeed feed = new AlertFeed(berth.engine,
        new AlertDetector(AlertDetector.kinds(n.events()), n.dedupeWindow(), n.maxPerMinute(), Clock.systemUTC()));
    sinks.forEach(feed::addSink);
    feed.start();
    open.add(0, feed);
  }

  private static SlackAdapter startSlack(BerthConfig cfg, BerthRuntime berth, List<AutoCloseable> open,
      List<Consumer<Alert>> alertSinks) throws Exception {
    SlackSettings settings = cfg.section(SlackSettings.SECTION);
    if (!settings.enabled()) return null;
    SlackAdapter slack;
    try {
      slack = SlackAdapter.create(SlackOptions.from(settings), berth.commands, berth.memberships);
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

  private static DiscordBot startDiscord(BerthConfig cfg, BerthRuntime berth, List<AutoCloseable> open,
      List<Consumer<Alert>> alertSinks) {
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
    open.add(0, discord);
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
      DiscordBot discord) {
    List<AuditSettings.ChatWitness> chat = cfg.audit().chatWitnesses();
    for (int i = 0; i < chat.size(); i++) {
      AuditSettings.ChatWitness w = chat.get(i);
      CheckpointWitness witness = switch (w.platform()) {
        case "slack" -> slack == null ? null : slack.checkpointWitness(w.channel());
        case "discord" -> discord == null ? null : discord.checkpointWitness(w.channel());
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
