package io.berth.bot.discord;

import static io.berth.bot.discord.DiscordStandIn.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import io.berth.core.policy.GroupMemberships;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Discord guild role grants a Berth role: members are fetched when the guild is ready (member
 * chunks from the gateway stand-in) and follow GUILD_MEMBER_UPDATE; an individual entry wins.
 * The real JDA client, the real core and the local engine.
 */
class DiscordGroupsIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String ROLE = "700000000000000001";
  static final String OTHER_ROLE = "700000000000000002";
  static final String MEMBER = "100000000000002001"; // has ROLE when the bot starts
  static final String LATER = "100000000000002002"; // gets ROLE while the bot runs
  static final String BOB = "100000000000002003"; // admin by name, also has ROLE
  static final String NO_IMAGE = "berth-no-such-image-" + UUID.randomUUID().toString().substring(0, 8) + ":1";

  static DiscordFixture fx;
  static DiscordStandIn discord;
  static SqliteAuditTrail audit;
  static GroupMemberships memberships;

  @BeforeAll
  static void startBot() throws Exception {
    fx = DiscordFixture.start("discord-groups", standIn -> {
      standIn.roles.put(ROLE, "berth-operators");
      standIn.roles.put(OTHER_ROLE, "musicians");
      standIn.memberRoles.put(MEMBER, List.of(ROLE));
      standIn.memberRoles.put(BOB, List.of(ROLE, OTHER_ROLE));
    }, standIn -> """
        policy:
          users:
            bob: { role: admin, identities: { discord: ["%s"] } }
          groups:
            - { platform: discord, group: "%s", role: operator }
        """.formatted(BOB, ROLE));
    discord = fx.discord;
    audit = fx.audit;
    memberships = fx.memberships;
  }

  @AfterAll
  static void stopBot() throws Exception {
    if (fx != null) fx.close();
  }

  @Test
  void theBotAsksForTheServerMembersIntentAndFetchesTheMembers() {
    int intents = await(() -> discord.gatewayReceived.stream().filter(m -> m.path("op").asInt() == 2).toList(),
        l -> !l.isEmpty(), WAIT, "IDENTIFY").get(0).path("d").path("intents").asInt();
    assertThat(intents & (1 << 1)).as("GUILD_MEMBERS").isNotZero();
    await(() -> discord.gatewayReceived.stream().filter(m -> m.path("op").asInt() == 8).toList(), l -> !l.isEmpty(),
        WAIT, "a member request (op 8)");
  }

  @Test
  void aRoleMemberGetsTheRoleAndLosesItWhenTheRoleIsRemoved() {
    await(() -> memberships.groupsOf("discord", MEMBER), g -> g.contains(ROLE), WAIT, "members fetched at guild ready");

    assertThat(reply(MEMBER, "rmi " + NO_IMAGE)).contains("discord:" + MEMBER + " has role operator, which may not run rmi");
    assertThat(audit.query(AuditFilter.ALL, 1000).stream().map(AuditRecord::entry)
        .filter(e -> MEMBER.equals(e.platformUserId()))).allSatisfy(e -> assertThat(e.berthUser()).isEqualTo("discord:" + MEMBER));

    discord.sendMemberUpdate(MEMBER, "member", List.of(OTHER_ROLE));
    await(() -> memberships.groupsOf("discord", MEMBER), g -> !g.contains(ROLE), WAIT, "GUILD_MEMBER_UPDATE applied");

    assertThat(reply(MEMBER, "images")).contains("Unknown identity discord:" + MEMBER);
  }

  @Test
  void aRoleGivenWhileTheBotRunsGrantsTheRole() {
    assertThat(reply(LATER, "images")).contains("Unknown identity discord:" + LATER);

    discord.sendMemberUpdate(LATER, "later", List.of(ROLE));
    await(() -> memberships.groupsOf("discord", LATER), g -> g.contains(ROLE), WAIT, "GUILD_MEMBER_UPDATE applied");

    assertThat(reply(LATER, "rmi " + NO_IMAGE)).contains("discord:" + LATER + " has role operator");
  }

  @Test
  void anIndividualEntryWinsOverTheRole() {
    await(() -> memberships.groupsOf("discord", BOB), g -> g.contains(ROLE), WAIT, "members fetched at guild ready");

    assertThat(reply(BOB, "rmi " + NO_IMAGE)).as("admin may rmi: asked to confirm").doesNotContain("has role")
        .contains("This will remove image " + NO_IMAGE);
  }

  /** Sends {@code !docker TEXT} as the user and returns the text of the bot's reply. */
  private static synchronized String reply(String userId, String text) {
    int before = discord.messagesPosted().size();
    discord.sendUserMessage(userId, "user" + userId, "!docker " + text);
    return await(discord::messagesPosted, l -> l.size() > before, WAIT, "reply to " + text).get(before).payload()
        .path("content").asText();
  }
}
