package io.berth.bot.discord;

import static io.berth.bot.discord.DiscordStandIn.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.adapter.postgres.PostgresAuditTrail;
import io.berth.core.adapter.postgres.PostgresSharedStore;
import io.berth.core.approval.SharedApprovalStore;
import io.berth.core.config.ConfigLoader;
import io.berth.core.config.PolicySettings;
import io.berth.core.config.Secret;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.policy.GroupMemberships;
import io.berth.core.policy.WebAccounts;
import io.berth.core.replica.Sealer;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.PostgresForClass;
import io.berth.core.testing.RecordingContainerEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas (two CommandServices, each with its own audit and shared store) on one PostgreSQL; the leader alone
 * runs the Discord bot (the real JDA client against the stand-in), as {@code LeaderDuties} does. A request held on
 * the follower (asked over Slack, the console or the CLI) is posted to {@code policy.approvals.channels.discord}
 * once; after a leader change (the old leader's bot closed, the new one's started) what was held meanwhile and what
 * the new follower holds are posted once each, and nothing the old leader posted is posted again; decided then, the old
 * leader's message is edited by the new leader (its id kept in the shared approval store). A post Discord answers 500
 * is tried again.
 */
class FollowerApprovalsIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String ADA = "100000000000004001"; // admin, approves in Discord

  @RegisterExtension static final PostgresForClass postgres = new PostgresForClass();
  private final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "prod-web", "running", Map.of("env", "prod"));
  private final List<AutoCloseable> opened = new ArrayList<>();
  private DiscordStandIn discord;
  private PolicySettings policy;
  private CommandService replicaA;
  private CommandService replicaB;

  @BeforeEach
  void twoReplicas() throws Exception {
    discord = new DiscordStandIn();
    opened.add(discord);
    policy = ConfigLoader.parse("""
        policy:
          users:
            otto: { role: operator, identities: { slack: [U_O] } }
            ada:  { role: admin, identities: { discord: ["%s"] } }
          channels:
            discord: { workspaces: ["%s"], channels: ["%s", "%s"] }
          approvals:
            rules:
              prod-restarts:
                commands: [restart]
                containers: { labels: { env: prod } }
                approvers: [admin]
            channels:
              discord: ["%s"]
        """.formatted(ADA, discord.guildId, discord.channelId, discord.alertChannelId, discord.alertChannelId),
        Map.of()).policy();
    var settings = postgres.cluster().createBerthDatabase();
    byte[] key = new byte[32]; // in Berth: derived from the audit signing key every replica shares
    key[3] = 9;
    replicaA = replica(settings, key);
    replicaB = replica(settings, key);
  }

  private CommandService replica(PostgresAuditTrail.Settings settings, byte[] key) {
    PostgresAuditTrail audit = PostgresAuditTrail.open(settings, postgres.cluster().password());
    PostgresSharedStore shared = PostgresSharedStore.open(settings, postgres.cluster().password(), Clock.systemUTC());
    opened.add(0, audit);
    opened.add(0, shared);
    return new CommandService(new PicocliCommandLanguage(), new ConfiguredPolicy(policy, new WebAccounts(policy)),
        audit, engine, CoreLimits.DEFAULTS, Clock.systemUTC(), new SharedApprovalStore(shared, new Sealer(key)));
  }

  /** What the launcher's leader duties start on the replica that gains leadership. */
  private DiscordBot leads(CommandService replica) throws Exception {
    DiscordBot bot = new DiscordBot(replica, new DiscordSettings(true, Secret.ofValue("stand-in-token"), "!docker", null,
        null, List.of()), Map.of("DISCORD_API_URL", discord.apiUrl(), "DISCORD_GATEWAY_URL", discord.gatewayUrl()),
        Clock.systemUTC(), new GroupMemberships(policy.groups()));
    opened.add(0, bot);
    bot.watchApprovals(policy.approvals().channelsOf("discord"));
    bot.start();
    assertThat(bot.awaitReady(WAIT)).isTrue();
    return bot;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) c.close();
  }

  private static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  private String held(CommandService replica) {
    Outcome held = replica.submit(slack("U_O"), "restart prod-web", ProgressListener.IGNORE);
    assertThat(held).isInstanceOf(Outcome.ApprovalRequired.class);
    return held.requestId();
  }

  /** The messages posted to the approval channel with this request's Approve button. */
  private List<DiscordStandIn.RestCall> posted(String requestId) {
    return discord.alertsPosted().stream().filter(c -> c.payload().path("components").findValuesAsText("custom_id")
        .contains("berth:approve:" + requestId)).toList();
  }

  @Test
  void a_request_held_on_the_follower_is_posted_once_by_the_leader_and_once_across_a_leader_change() throws Exception {
    DiscordBot leaderA = leads(replicaA);
    String onFollower = held(replicaB);
    await(() -> posted(onFollower), l -> !l.isEmpty(), WAIT, "the follower's request in the approval channel");
    assertThat(posted(onFollower).get(0).payload().path("content").asText())
        .contains("Waiting for approval (0/1)", "restart prod-web");

    leaderA.close(); // A loses leadership: its gateway connection and board stop
    String whileNobodyLeads = held(replicaB);
    leads(replicaB);
    await(() -> posted(whileNobodyLeads), l -> !l.isEmpty(), WAIT, "what was held while nobody led, posted by B");
    String onNewFollower = held(replicaA);
    await(() -> posted(onNewFollower), l -> !l.isEmpty(), WAIT, "the new follower's request, posted by B");

    Thread.sleep(3 * SharedApprovalStore.POLL_EVERY.toMillis()); // a repeat would come with one of the next polls
    assertThat(posted(onFollower)).as("held on B before the change, posted by A, not again by B").hasSize(1);
    assertThat(posted(whileNobodyLeads)).hasSize(1);
    assertThat(posted(onNewFollower)).hasSize(1);
    assertThat(discord.alertsPosted()).hasSize(3);
    assertThat(discord.messagesPosted()).as("asked on Slack: nothing in Discord's command channel").isEmpty();

    // decided from Discord on the leader, it runs once, and the leader's message shows it
    String press = discord.pressButton(ADA, "ada", "berth:approve:" + onNewFollower, discord.snowflake());
    await(() -> discord.followUps(press), l -> !l.isEmpty(), WAIT, "the result for ada");
    assertThat(engine.mutatingCalls()).containsExactly("restart aaa111");
    await(() -> discord.messagesEdited(discord.alertChannelId), l -> l.stream().anyMatch(c -> c.payload()
        .path("content").asText().contains("ran (succeeded)")), WAIT, "the leader's message edited to show it ran");

    // decided after the leader change, the message the old leader posted is edited by the new one
    String postedByA = discord.idOf(posted(onFollower).get(0));
    String pressOld = discord.pressButton(ADA, "ada", "berth:approve:" + onFollower, discord.snowflake());
    await(() -> discord.followUps(pressOld), l -> !l.isEmpty(), WAIT, "the result for ada");
    assertThat(engine.mutatingCalls()).containsExactly("restart aaa111", "restart aaa111");
    await(() -> discord.messagesEdited(discord.alertChannelId), l -> l.stream().anyMatch(c -> c.path()
        .endsWith("/messages/" + postedByA) && c.payload().path("content").asText().contains("ran (succeeded)")),
        WAIT, "the old leader's message edited by the new leader to show it ran");
    assertThat(posted(onFollower)).as("edited, not posted again").hasSize(1);
  }

  /** A post Discord answers 500 (after the claim, so no other board will post it) is tried again, and posted once. */
  @Test
  void a_post_that_fails_once_is_tried_again() throws Exception {
    leads(replicaA);
    discord.failPosts(1);
    String id = held(replicaB);
    await(() -> posted(id), l -> !l.isEmpty(), WAIT, "the request posted on the second try");
    assertThat(discord.failedPosts()).hasSize(1);
    Thread.sleep(3 * SharedApprovalStore.POLL_EVERY.toMillis());
    assertThat(posted(id)).hasSize(1);
  }
}
