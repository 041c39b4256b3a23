package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditEntry;
import io.berth.core.config.ConfigLoader;
import io.berth.core.config.PolicySettings;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.policy.GroupMemberships;
import io.berth.core.policy.WebAccounts;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Slack user group grants a Berth role: read with usergroups.users.list when the adapter starts,
 * re-read when Slack posts {@code subteam_members_changed} (signed, through the real Bolt app), so
 * a member removed in Slack loses the role; an individual entry wins over the group.
 */
class SlackGroupsIT {
  static final String GROUP = "SOPS";
  static final String MEMBER = "UGRP";
  static final String NO_IMAGE = "berth-no-such-image-" + UUID.randomUUID().toString().substring(0, 8) + ":1";

  SlackFixture berth;
  GroupMemberships memberships;

  @BeforeEach
  void start() throws Exception {
    PolicySettings settings = ConfigLoader.parse("""
        policy:
          users:
            ada: { role: admin, identities: { slack: [%s] } }
          groups:
            - { platform: slack, group: %s, role: operator }
        """.formatted(SlackFixture.ADMIN, GROUP), Map.of()).policy();
    memberships = new GroupMemberships(settings.groups());
    berth = new SlackFixture(UnaryOperator.identity(), "http", List.of(), Clock.systemUTC(),
        new ConfiguredPolicy(settings, new WebAccounts(settings), memberships), memberships);
    berth.slack.usergroups.put(GROUP, List.of(MEMBER, SlackFixture.ADMIN));
    berth.adapter.start();
  }

  @AfterEach
  void stop() {
    if (berth != null) berth.close();
  }

  @Test
  void aGroupMemberGetsTheGroupsRoleAndLosesItWhenRemovedInSlack() throws Exception {
    await(() -> memberships.groupsOf("slack", MEMBER).contains(GROUP), "the group was read at start");

    SlackStandIn.Call asMember = berth.answer(berth.slash(MEMBER, "rmi " + NO_IMAGE));
    assertThat(asMember.body()).contains("slack:" + MEMBER + " has role operator, which may not run rmi");
    assertThat(berth.answer(berth.slash(MEMBER, "images")).body()).doesNotContain("has role").doesNotContain("Ask an admin");
    assertThat(berth.auditEntries()).filteredOn(e -> MEMBER.equals(e.platformUserId()))
        .extracting(AuditEntry::berthUser).containsOnly("slack:" + MEMBER).isNotEmpty();

    berth.slack.usergroups.put(GROUP, List.of(SlackFixture.ADMIN));
    int reads = berth.slack.calls("usergroups.users.list").size();
    HttpResponse<String> ack = berth.postEvent("""
        {"type":"subteam_members_changed","subteam_id":"%s","team_id":"T1","date_previous_update":1,"date_update":2,
         "added_users":[],"added_users_count":"0","removed_users":["%s"],"removed_users_count":"1","event_ts":"2.0"}
        """.formatted(GROUP, MEMBER));
    assertThat(ack.statusCode()).isEqualTo(200);
    await(() -> !memberships.groupsOf("slack", MEMBER).contains(GROUP), "the event re-read the group");
    assertThat(berth.slack.calls("usergroups.users.list").size()).isGreaterThan(reads);

    SlackStandIn.Call removed = berth.answer(berth.slash(MEMBER, "images"));
    assertThat(removed.body()).contains("Unknown identity slack:" + MEMBER).contains("identities.slack");
  }

  @Test
  void anIndividualEntryWinsOverTheGroup() throws Exception {
    await(() -> memberships.groupsOf("slack", SlackFixture.ADMIN).contains(GROUP), "the group was read at start");

    SlackStandIn.Call asAda = berth.answer(berth.slash(SlackFixture.ADMIN, "rmi " + NO_IMAGE));

    assertThat(asAda.body()).as("admin may rmi: asked to confirm").doesNotContain("has role")
        .contains("This will remove image " + NO_IMAGE);
    assertThat(berth.auditEntries()).filteredOn(e -> SlackFixture.ADMIN.equals(e.platformUserId()))
        .extracting(AuditEntry::berthUser).containsOnly("ada").isNotEmpty();
  }

  @Test
  void anEventAboutAnotherGroupReadsNothingAndAnUnsubscribedEventIsRefused() throws Exception {
    await(() -> memberships.groupsOf("slack", MEMBER).contains(GROUP), "the group was read at start");
    int reads = berth.slack.calls("usergroups.users.list").size();

    HttpResponse<String> other = berth.postEvent("""
        {"type":"subteam_members_changed","subteam_id":"SOTHER","team_id":"T1","added_users":["UX"],"removed_users":[]}
        """);
    HttpResponse<String> unsubscribed = berth.postEvent("""
        {"type":"message","channel":"C1","user":"UX","text":"hi","ts":"1.0"}
        """);

    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(unsubscribed.statusCode()).isEqualTo(400);
    Thread.sleep(300);
    assertThat(berth.slack.calls("usergroups.users.list")).hasSize(reads);
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(20);
    }
  }
}
