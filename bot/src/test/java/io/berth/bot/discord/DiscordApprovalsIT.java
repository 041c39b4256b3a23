package io.berth.bot.discord;

import static io.berth.bot.discord.DiscordStandIn.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.testing.TestEngine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two-person rule in Discord: a request held by {@code policy.approvals} is posted with
 * Approve/Reject in the asking channel and in {@code policy.approvals.channels.discord}, the
 * requester's own Approve and a press from a channel outside {@code policy.channels.discord} are
 * refused to the presser only, another admin's Approve runs it once, and the posted messages are
 * edited to show it ran. The real JDA client against the stand-in, the real core and the local engine.
 */
class DiscordApprovalsIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String ALICE = "100000000000003001"; // admin, asks
  static final String BOB = "100000000000003002"; // admin, approves

  static DiscordFixture fx;
  static DiscordStandIn discord;
  static TestEngine docker;
  static String held;

  @BeforeAll
  static void startBot() throws Exception {
    docker = new TestEngine("discord-approvals");
    held = docker.name("held");
    docker.startOutsideBerth(held);
    fx = DiscordFixture.start("discord-approvals", standIn -> {}, standIn -> """
        policy:
          users:
            alice: { role: admin, identities: { discord: ["%s"] } }
            bob: { role: admin, identities: { discord: ["%s"] } }
          channels:
            discord: { workspaces: ["%s"], channels: ["%s", "%s"] }
          approvals:
            rules:
              held-restarts: { commands: [restart], containers: { names: ["%s"] }, approvers: [admin] }
            channels:
              discord: ["%s"]
        """.formatted(ALICE, BOB, standIn.guildId, standIn.channelId, standIn.alertChannelId, held,
        standIn.alertChannelId));
    discord = fx.discord;
  }

  @AfterAll
  static void stopBot() throws Exception {
    if (fx != null) fx.close();
    if (docker != null) docker.close();
  }

  @Test
  void aHeldRequestIsPostedAndRunsOnceWhenAnotherAdminApprovesIt() {
    discord.sendUserMessage(ALICE, "alice", "!docker restart " + held);

    JsonNode inApprovalChannel = await(discord::alertsPosted, l -> !l.isEmpty(), WAIT, "request in the approval channel")
        .get(0).payload();
    List<String> buttons = inApprovalChannel.path("components").findValuesAsText("custom_id");
    String approve = buttons.stream().filter(s -> s.startsWith("berth:approve:")).findFirst().orElseThrow();
    assertThat(buttons).contains("berth:reject:" + approve.substring("berth:approve:".length()));
    assertThat(inApprovalChannel.path("content").asText()).contains("Waiting for approval (0/1)", "restart " + held);
    JsonNode inAskingChannel = await(discord::messagesPosted, l -> !l.isEmpty(), WAIT, "request where it was asked")
        .get(0).payload();
    assertThat(inAskingChannel.path("components").findValuesAsText("custom_id")).contains(approve);
    String requestId = approve.substring("berth:approve:".length());

    String own = discord.pressButton(ALICE, "alice", approve, discord.snowflake());
    JsonNode refused = await(() -> discord.followUps(own), l -> !l.isEmpty(), WAIT, "answer to alice").get(0).payload();
    assertThat(refused.path("content").asText()).contains("alice asked for this and cannot approve it");
    assertThat(refused.path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);

    String elsewhere = discord.pressButton(BOB, "bob", approve, discord.snowflake(), discord.otherChannelId);
    JsonNode fenced = await(() -> discord.followUps(elsewhere), l -> !l.isEmpty(), WAIT, "answer to bob elsewhere")
        .get(0).payload();
    assertThat(fenced.path("content").asText()).contains("does not take commands in discord channel " + discord.otherChannelId);
    assertThat(fenced.path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
    assertThat(outcomes(requestId)).containsExactly(AuditOutcome.APPROVAL_REQUESTED, AuditOutcome.DENIED, AuditOutcome.DENIED);

    String byBob = discord.pressButton(BOB, "bob", approve, discord.snowflake());
    await(() -> discord.followUps(byBob), l -> !l.isEmpty(), WAIT, "result for bob");

    List<AuditOutcome> trail = await(() -> outcomes(requestId), l -> l.contains(AuditOutcome.SUCCEEDED), WAIT, "the run");
    assertThat(trail).containsExactly(AuditOutcome.APPROVAL_REQUESTED, AuditOutcome.DENIED, AuditOutcome.DENIED,
        AuditOutcome.APPROVED, AuditOutcome.REQUESTED, AuditOutcome.SUCCEEDED);
    for (String channel : List.of(discord.alertChannelId, discord.channelId)) {
      JsonNode last = await(() -> discord.messagesEdited(channel), l -> !l.isEmpty()
          && l.get(l.size() - 1).payload().path("content").asText().contains("ran (succeeded)"), WAIT,
          "the message in " + channel + " edited to show it ran").stream().reduce((a, b) -> b).orElseThrow().payload();
      assertThat(last.path("content").asText()).contains("Approved by bob", "restart " + held, requestId);
      assertThat(last.path("components").findValuesAsText("custom_id")).as("no buttons once it ran").isEmpty();
    }

    String again = discord.pressButton(BOB, "bob", approve, discord.snowflake());
    JsonNode late = await(() -> discord.followUps(again), l -> !l.isEmpty(), WAIT, "answer to a late press").get(0).payload();
    assertThat(late.path("content").asText()).contains("was approved and ran (succeeded)");
    assertThat(outcomes(requestId)).filteredOn(o -> o == AuditOutcome.REQUESTED).hasSize(1);
  }

  private static List<AuditOutcome> outcomes(String requestId) {
    return fx.outcomes(requestId);
  }
}
