package io.berth.bot.discord;

import io.berth.bot.chat.ApprovalBoard;
import io.berth.bot.chat.Conversation;
import io.berth.core.model.Subscription;
import io.berth.core.notify.Alert;
import io.berth.core.policy.GroupMemberships;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.service.CommandService;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.jetbrains.annotations.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Berth's Discord bot: connects JDA (token from {@code DISCORD_TOKEN} or a file), registers
 * {@code /docker}, answers {@code !docker} messages, and posts container alerts to the notify
 * channels. The launcher builds one with the core service and the settings, registers
 * {@link #alertSink()} with the shared {@code AlertFeed}, then calls {@link #start()} and, on
 * shutdown, {@link #close()}.
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);
  /** Message commands need the privileged Message Content intent; slash commands need none. */
  static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT);
  private static final int ALERT_ATTEMPTS = 15;
  private static final Duration ALERT_RETRY = Duration.ofSeconds(2);

  private final Conversation conversation;
  private final DiscordSettings settings;
  private final DiscordEndpoints endpoints;
  private final ThreadPoolExecutor executor;
  /** Alert retries and progress edits. */
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "berth-discord-scheduler");
    t.setDaemon(true);
    return t;
  });
  private final DiscordGroupSync groups;
  private volatile JDA jda;
  /** Set by {@link #watchApprovals}: held requests are posted by the approval board, not answered as prompts. */
  private volatile boolean approvalsPosted;
  private ExecutorService approvalUpdates;
  private Subscription approvalWatch;
  private volatile ApprovalBoard<DiscordApprovals.Posted> approvalBoard;

  /** @param memberships where the members of the Discord roles in {@code policy.groups} are kept */
  public DiscordBot(CommandService service, DiscordSettings settings, GroupMemberships memberships) {
    this(service, settings, System.getenv(), Clock.systemUTC(), memberships);
  }

  DiscordBot(CommandService service, DiscordSettings settings, Map<String, String> env, Clock clock) {
    this(service, settings, env, clock, GroupMemberships.none());
  }

  DiscordBot(CommandService service, DiscordSettings settings, Map<String, String> env, Clock clock,
      GroupMemberships memberships) {
    this.groups = new DiscordGroupSync(memberships);
    this.conversation = new Conversation(service, new PlainTextRenderer(clock));
    this.settings = settings;
    this.endpoints = DiscordEndpoints.resolve(settings, env);
    AtomicInteger n = new AtomicInteger();
    // Bounded: a flood of commands gets "busy" instead of an ever-growing queue.
    this.executor = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(200), r -> {
      Thread t = new Thread(r, "berth-discord-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Logs in and connects (returns once the token is accepted; the gateway connects in the
   * background and reconnects by itself). Throws IllegalStateException when no token is set.
   */
  public synchronized void start() {
    if (jda != null) return;
    if (!settings.token().isPresent()) {
      throw new IllegalStateException("discord.token: not set (looked in " + settings.token().describeSource() + ")");
    }
    // First guard against pings: nothing Berth sends may mention anyone, whatever its text says.
    MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
    MessageRequest.setDefaultMentionRepliedUser(false);
    DiscordCommandListener commands = new DiscordCommandListener(conversation, settings.prefix(), executor, scheduler,
        () -> approvalsPosted);
    EnumSet<GatewayIntent> intents = EnumSet.copyOf(INTENTS);
    // Privileged (Server Members Intent in the developer portal): asked for only when roles grant Berth roles.
    if (groups.active()) intents.add(GatewayIntent.GUILD_MEMBERS);
    JDABuilder builder = JDABuilder.createLight(settings.token().reveal(), intents)
        .setRestConfig(new RestConfig().setBaseUrl(endpoints.apiUrl()))
        .setSessionController(new ConfiguredGatewaySessionController(endpoints.gatewayUrl()))
        // Plain JSON frames: works with Discord and with proxies or stand-ins that do not speak zlib.
        .setCompression(Compression.NONE)
        .setAutoReconnect(true)
        .setEnableShutdownHook(false)
        .addEventListeners(commands, groups, new ListenerAdapter() {
          @Override
          public void onReady(@NotNull ReadyEvent event) {
            registerSlashCommand(event.getJDA());
          }

          @Override
          public void onStatusChange(@NotNull StatusChangeEvent event) {
            // connected (first, or again after a lost session): the status the board checks is set by now, unlike
            // at ReadyEvent, which JDA fires before it
            if (event.getNewStatus() == JDA.Status.CONNECTED) announcePendingApprovals();
          }
        });
    if (!endpoints.isDiscords()) log.info("Discord endpoints: REST {} gateway {}", endpoints.apiUrl(), endpoints.gatewayUrl());
    jda = builder.build();
  }

  /**
   * Where container alerts go: register it with the one shared {@code AlertFeed}
   * ({@code feed.addSink(discord.alertSink())}), which detects, de-duplicates, rate-limits and
   * attaches the last log lines. Posts to {@code discord.notifyChannels}; a no-op when none.
   */
  public Consumer<Alert> alertSink() {
    return alert -> {
      if (settings.notifyChannels().isEmpty()) return;
      DiscordReply reply = DiscordRenderer.render(conversation.alert(alert));
      try {
        // never hold up the engine's event thread on Discord
        executor.execute(() -> postAlert(reply));
      } catch (RejectedExecutionException e) {
        log.warn("alert for {} dropped: busy or shutting down", alert.containerName());
      }
    };
  }

  /**
   * Shows requests held by the two-person rule in Discord: posted with Approve/Reject in the channel
   * they were asked in and in {@code channels} ({@code policy.approvals.channels.discord}), and
   * edited as they are approved, run, rejected or expire, whichever surface did it. Call before
   * {@link #start()}.
   */
  public synchronized void watchApprovals(List<String> channels) {
    if (approvalWatch != null) return;
    approvalUpdates = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "berth-discord-approvals");
      t.setDaemon(true);
      return t;
    });
    approvalsPosted = true;
    approvalBoard = new ApprovalBoard<>(conversation, new DiscordApprovals(() -> jda), channels, approvalUpdates);
    approvalWatch = conversation.service().watchApprovals(approvalBoard);
  }

  /**
   * A checkpoint witness posting each checkpoint to {@code channel} ({@code audit.witness.chat}
   * entries with platform discord): add it to the audit trail's witnesses.
   */
  public io.berth.core.audit.CheckpointWitness checkpointWitness(String channel) {
    return new io.berth.bot.chat.ChatCheckpointWitness(new DiscordApprovals(() -> jda), channel);
  }

  /** Blocks until the gateway session is ready (for the launcher's health check and tests). */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    JDA j = jda;
    if (j == null) throw new IllegalStateException("not started");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (j.getStatus() != JDA.Status.CONNECTED) {
      if (System.nanoTime() > deadline) return false;
      Thread.sleep(20);
    }
    return true;
  }

  /** The JDA status, e.g. CONNECTED or RECONNECT_QUEUED (for health endpoints). */
  public String status() {
    JDA j = jda;
    return j == null ? "NOT_STARTED" : j.getStatus().name();
  }

  /**
   * Posts what was held while this bot could not (not connected; on a new leader, everything held since the old one
   * stopped): the board claims each, so what another replica's bot posted is not posted again.
   */
  private void announcePendingApprovals() {
    ApprovalBoard<DiscordApprovals.Posted> board = approvalBoard;
    if (board != null) board.announcePending();
  }

  private void registerSlashCommand(JDA j) {
    j.updateCommands().addCommands(SlashCommands.definition()).queue(
        cmds -> log.info("registered /{} for application {}", SlashCommands.NAME, j.getSelfUser().getApplicationId()),
        e -> log.error("could not register /{}: {}", SlashCommands.NAME, e.getMessage()));
  }

  private void postAlert(DiscordReply reply) {
    for (String id : settings.notifyChannels()) deliverAlert(reply, id, 1);
  }

  /**
   * Channels come from JDA's cache, which is empty for a moment while a lost session is rebuilt:
   * retry for about half a minute before giving up, so alerts during a reconnect are not lost.
   */
  private void deliverAlert(DiscordReply reply, String channelId, int attempt) {
    JDA j = jda;
    if (j == null) return;
    MessageChannel channel = j.getChannelById(MessageChannel.class, channelId);
    if (channel == null) {
      if (attempt < ALERT_ATTEMPTS && !scheduler.isShutdown()) {
        scheduler.schedule(() -> deliverAlert(reply, channelId, attempt + 1), ALERT_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        log.warn("notify channel {} is not visible to the bot (wrong id, or the bot is not in that server)", channelId);
      }
      return;
    }
    channel.sendMessage(DiscordMessages.toMessage(reply)).queue(null,
        e -> log.warn("could not post an alert to channel {}: {}", channelId, e.getMessage()));
  }

  @Override
  public synchronized void close() {
    if (approvalWatch != null) {
      approvalWatch.close();
      approvalUpdates.shutdown();
      approvalWatch = null;
    }
    JDA j = jda;
    jda = null;
    if (j != null) {
      j.shutdown();
      try {
        if (!j.awaitShutdown(Duration.ofSeconds(5))) j.shutdownNow();
      } catch (InterruptedException e) {
        j.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    scheduler.shutdownNow();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) executor.shutdownNow();
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
