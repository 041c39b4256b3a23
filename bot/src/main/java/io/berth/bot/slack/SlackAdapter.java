package io.berth.bot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.berth.bot.chat.ApprovalBoard;
import io.berth.bot.chat.Conversation;
import com.slack.api.model.event.SubteamMembersChangedEvent;
import com.slack.api.model.event.SubteamUpdatedEvent;
import io.berth.core.notify.Alert;
import io.berth.core.policy.GroupMemberships;
import io.berth.core.replica.InMemorySharedStore;
import io.berth.core.replica.SharedStore;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.service.CommandService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Berth's Slack surface: one Bolt app serving the slash command and buttons, reachable over HTTP
 * ({@link #httpEndpoint()}) or Socket Mode ({@link #start()}), plus opt-in container alerts.
 * The launcher builds it with {@link #create} and closes it on shutdown.
 */
public final class SlackAdapter implements AutoCloseable {
  /** Least time between two edits of a progress message, as served. */
  public static final Duration PROGRESS_INTERVAL = Duration.ofMillis(1500);
  static final Duration DEDUPE_TTL = Duration.ofMinutes(10);
  static final int DEDUPE_CAPACITY = 10_000;
  static final int WORK_QUEUE = 1_000;

  private final SlackOptions options;
  private final App app;
  private final SlackHttpEndpoint endpoint;
  private final SlackNotifier notifier;
  private final ExecutorService work;
  private final ScheduledExecutorService scheduler;
  private final SlackGroupSync groups;
  private final Conversation conversation;
  private final BlockKitRenderer renderer;
  private final SlackWebApi api;
  private final SlackInteractions interactions;
  private ExecutorService approvalUpdates;
  private io.berth.core.model.Subscription approvalWatch;
  private SocketModeApp socketMode;
  private boolean started;

  private SlackAdapter(SlackOptions options, App app, SlackHttpEndpoint endpoint, SlackNotifier notifier,
      ExecutorService work, ScheduledExecutorService scheduler, SlackGroupSync groups, Conversation conversation,
      BlockKitRenderer renderer, SlackWebApi api, SlackInteractions interactions) {
    this.conversation = conversation;
    this.renderer = renderer;
    this.api = api;
    this.interactions = interactions;
    this.options = options;
    this.app = app;
    this.endpoint = endpoint;
    this.notifier = notifier;
    this.work = work;
    this.scheduler = scheduler;
    this.groups = groups;
  }

  /**
   * Builds the adapter; nothing connects, listens or reads user groups until {@link #start()}.
   *
   * @param memberships where the members of the user groups in {@code policy.groups} are kept
   */
  public static SlackAdapter create(SlackOptions options, CommandService commands, GroupMemberships memberships) {
    return create(options, commands, Clock.systemUTC(), PROGRESS_INTERVAL, memberships);
  }

  /** @param progressInterval least time between two edits of a progress message */
  public static SlackAdapter create(SlackOptions options, CommandService commands, Clock clock,
      Duration progressInterval) {
    return create(options, commands, clock, progressInterval, GroupMemberships.none());
  }

  /** @param progressInterval least time between two edits of a progress message */
  public static SlackAdapter create(SlackOptions options, CommandService commands, Clock clock,
      Duration progressInterval, GroupMemberships memberships) {
    return create(options, commands, clock, progressInterval, memberships,
        new InMemorySharedStore(DEDUPE_CAPACITY, clock));
  }

  /**
   * @param deliveries where the deliveries already handled are kept: shared by every replica, so a
   *     retried delivery that lands on another one still runs once
   */
  public static SlackAdapter create(SlackOptions options, CommandService commands, Clock clock,
      Duration progressInterval, GroupMemberships memberships, SharedStore deliveries) {
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(options.apiUrl());
    Slack slack = Slack.getInstance(slackConfig);
    AppConfig config = AppConfig.builder()
        .slack(slack)
        .singleTeamBotToken(options.botToken())
        .signingSecret(options.signingSecret())
        // Verified by SlackSignatureCheck before Bolt sees the request: stricter than Bolt's own.
        .requestVerificationEnabled(false)
        .build();
    App app = new App(config);
    DeliveryDeduplicator dedupe = new DeliveryDeduplicator(deliveries, DEDUPE_TTL, clock);
    app.use((req, resp, chain) -> {
      // A retried or replayed delivery is acknowledged and nothing runs again.
      if (!dedupe.firstTime(DeliveryDeduplicator.keyOf(req.getRequestBodyAsString()))) {
        return Response.ok();
      }
      return chain.next(req);
    });
    // Work is mostly waiting on the engine; the daemon, not this pool, is the real limit. The queue
    // is bounded so a flood is turned away at the ack ("busy") instead of piling up in memory.
    ExecutorService work = new ThreadPoolExecutor(32, 32, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(WORK_QUEUE),
        named("berth-slack-work"));
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, named("berth-slack-scheduler"));
    scheduler.setRemoveOnCancelPolicy(true);
    SlackWebApi api = new SlackWebApi(slack.methods(options.botToken()));
    BlockKitRenderer renderer = new BlockKitRenderer(options.resultsInChannel());
    Conversation conversation = new Conversation(commands, new PlainTextRenderer(clock));
    SlackInteractions interactions = new SlackInteractions(conversation, renderer, api, work, scheduler, progressInterval);
    app.command(options.command(), interactions::onCommand);
    app.blockAction(Pattern.compile(BlockKitRenderer.ACTION_PATTERN), interactions::onAction);
    SlackGroupSync groups = new SlackGroupSync(api, memberships, work, scheduler, options.groupRefresh());
    app.event(SubteamMembersChangedEvent.class, (req, ctx) -> {
      groups.changed(req.getEvent().getSubteamId());
      return ctx.ack();
    });
    app.event(SubteamUpdatedEvent.class, (req, ctx) -> {
      groups.changed(req.getEvent().getSubteam() == null ? null : req.getEvent().getSubteam().getId());
      return ctx.ack();
    });
    SlackHttpEndpoint endpoint = options.socketMode() ? null
        : new SlackHttpEndpoint(app, new SlackSignatureCheck(options.signingSecret(), clock));
    SlackNotifier notifier = new SlackNotifier(conversation, renderer, api, options.notifyChannels(), work);
    return new SlackAdapter(options, app, endpoint, notifier, work, scheduler, groups, conversation, renderer, api,
        interactions);
  }

  /**
   * Shows requests held by the two-person rule in Slack: posted with Approve/Reject in the channel
   * they were asked in and in {@code channels} ({@code policy.approvals.channels.slack}), and
   * edited as they are approved, run, rejected or expire, whichever surface did it.
   */
  public synchronized void watchApprovals(List<String> channels) {
    if (approvalWatch != null) return;
    approvalUpdates = java.util.concurrent.Executors.newSingleThreadExecutor(named("berth-slack-approvals"));
    interactions.approvalsPosted(true);
    ApprovalBoard<SlackApprovals.Posted> board =
        new ApprovalBoard<>(conversation, new SlackApprovals(renderer, api), channels, approvalUpdates);
    approvalWatch = conversation.service().watchApprovals(board);
    board.announcePending(); // held while no replica's Slack board listened (each claims it: posted once)
  }

  /**
   * A checkpoint witness posting each checkpoint to {@code channel} ({@code audit.witness.chat}
   * entries with platform slack): add it to the audit trail's witnesses.
   */
  public io.berth.core.audit.CheckpointWitness checkpointWitness(String channel) {
    return new io.berth.bot.chat.ChatCheckpointWitness(new SlackApprovals(renderer, api), channel);
  }

  /** The handler to mount at {@code POST /slack/events} (HTTP mode only). */
  public SlackHttpEndpoint httpEndpoint() {
    if (endpoint == null) throw new IllegalStateException("slack.mode is socket: there is no HTTP endpoint");
    return endpoint;
  }

  /**
   * Where container alerts go: register it with the one shared {@code AlertFeed}
   * ({@code feed.addSink(slack.alertSink())}). Posts to {@code slack.notifyChannels}; a no-op when none.
   */
  public Consumer<Alert> alertSink() {
    return notifier;
  }

  /**
   * Starts reading the user groups of {@code policy.groups}; in Socket Mode, also connects
   * (apps.connections.open, then the WebSocket).
   */
  public synchronized void start() throws Exception {
    if (!started) {
      started = true;
      groups.start();
    }
    if (options.socketMode() && socketMode == null) {
      socketMode = new SocketModeApp(options.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
      socketMode.startAsync();
    }
  }

  /** The Bolt app, for the launcher's health checks. */
  public App app() {
    return app;
  }

  @Override
  public synchronized void close() {
    if (approvalWatch != null) {
      approvalWatch.close();
      approvalUpdates.shutdown();
      approvalWatch = null;
    }
    if (socketMode != null) {
      try {
        socketMode.close();
      } catch (Exception ignored) {
        // closing anyway
      }
      socketMode = null;
    }
    work.shutdown();
    scheduler.shutdown();
    try {
      if (!work.awaitTermination(5, TimeUnit.SECONDS)) work.shutdownNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      work.shutdownNow();
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
