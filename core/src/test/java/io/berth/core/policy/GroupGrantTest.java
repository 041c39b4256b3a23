package io.berth.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.config.ConfigException;
import io.berth.core.config.ConfigLoader;
import io.berth.core.config.PolicySettings;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.result.ContainerSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Roles granted by platform groups ({@code policy.groups}): who gets which role, and who wins. */
class GroupGrantTest {
  static final PolicySettings SETTINGS = ConfigLoader.parse("""
      policy:
        users:
          ada: { role: admin, identities: { slack: [U_ADA] } }
          anyone: { role: viewer, identities: { matrix: ["*"] } }
        groups:
          - { platform: slack, group: S_OPS, role: operator, scope: { labels: { team: pay } } }
          - { platform: slack, group: S_VIEW, role: viewer }
          - { platform: discord, group: "700", role: admin }
          - { platform: matrix, group: "!ops:example.org", role: operator }
      """, Map.of()).policy();

  final GroupMemberships memberships = new GroupMemberships(SETTINGS.groups());
  final ConfiguredPolicy policy = new ConfiguredPolicy(SETTINGS, new WebAccounts(SETTINGS), memberships);

  static Caller on(String platform, String id) {
    return new Caller(Source.of(platform), id, id, Location.channel("T1", "C1"));
  }

  @Test
  void aMemberOfAGroupActsAsPlatformColonIdWithTheGroupsRole() {
    assertThat(policy.identify(on("slack", "U1"))).isEmpty();

    memberships.replaceMembers("slack", "S_OPS", List.of("U1", "U2"));

    assertThat(policy.identify(on("slack", "U1"))).contains(new BerthUser("slack:U1", "operator"));
    assertThat(policy.identify(on("discord", "U1"))).isEmpty();
  }

  @Test
  void removedFromTheGroupTheRoleIsGone() {
    memberships.replaceMembers("slack", "S_OPS", List.of("U1"));
    memberships.replaceMembers("slack", "S_OPS", List.of("U2"));

    assertThat(policy.identify(on("slack", "U1"))).isEmpty();
  }

  @Test
  void anIndividualEntryWinsOverAGroup() {
    memberships.replaceMembers("slack", "S_VIEW", List.of("U_ADA"));

    assertThat(policy.identify(on("slack", "U_ADA"))).contains(new BerthUser("ada", "admin"));
  }

  @Test
  void aGroupWinsOverStarAndTheFirstMatchingEntryWins() {
    memberships.setMember("matrix", "!ops:example.org", "@ann:example.org", true);
    memberships.replaceMembers("slack", "S_VIEW", List.of("U3"));
    memberships.replaceMembers("slack", "S_OPS", List.of("U3"));

    assertThat(policy.identify(on("matrix", "@ann:example.org"))).contains(new BerthUser("matrix:@ann:example.org", "operator"));
    assertThat(policy.identify(on("matrix", "@bob:example.org"))).contains(new BerthUser("anyone", "viewer"));
    assertThat(policy.identify(on("slack", "U3"))).contains(new BerthUser("slack:U3", "operator"));
  }

  @Test
  void aDiscordRoleGrantsItsRoleAndLosesItWhenTheRoleIsRemoved() {
    memberships.setMember("discord", "700", "42", true);
    assertThat(policy.identify(on("discord", "42"))).contains(new BerthUser("discord:42", "admin"));

    memberships.setMember("discord", "700", "42", false);
    assertThat(policy.identify(on("discord", "42"))).isEmpty();
  }

  @Test
  void theGroupsScopeAppliesToItsMembers() {
    memberships.replaceMembers("slack", "S_OPS", List.of("U1"));
    BerthUser u = policy.identify(on("slack", "U1")).orElseThrow();

    assertThat(policy.inScope(u, container("pay-api", Map.of("team", "pay")))).isTrue();
    assertThat(policy.inScope(u, container("ads-api", Map.of("team", "ads")))).isFalse();
  }

  @Test
  void groupsNotConfiguredAreNotKept() {
    memberships.replaceMembers("slack", "S_OTHER", List.of("U9"));
    memberships.setMember("teams", "G1", "U9", true);

    assertThat(memberships.groupsOf("slack", "U9")).isEmpty();
    assertThat(memberships.watched("slack")).containsExactlyInAnyOrder("S_OPS", "S_VIEW");
    assertThat(memberships.watched("teams")).isEmpty();
  }

  @Test
  void configErrorsNameTheEntry() {
    assertThatThrownBy(() -> ConfigLoader.parse("policy: { groups: [ { platform: slack, group: S1, role: boss } ] }", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("policy.groups[0].role").hasMessageContaining("boss");
    assertThatThrownBy(() -> ConfigLoader.parse("policy: { groups: [ { platform: slack, role: viewer } ] }", Map.of()))
        .hasMessageContaining("policy.groups[0].group").hasMessageContaining("missing");
    assertThatThrownBy(() -> ConfigLoader.parse("policy: { groups: [ { platform: Slack!, group: S1, role: viewer } ] }", Map.of()))
        .hasMessageContaining("policy.groups[0].platform");
    assertThatThrownBy(() -> ConfigLoader.parse("policy: { groups: [ { platform: slack, group: \"S 1\", role: viewer } ] }",
        Map.of())).hasMessageContaining("policy.groups[0].group");
    assertThatThrownBy(() -> ConfigLoader.parse("""
        policy: { groups: [ { platform: slack, group: S1, role: viewer }, { platform: slack, group: S1, role: admin } ] }
        """, Map.of())).hasMessageContaining("policy.groups[1].group").hasMessageContaining("policy.groups[0]");
    assertThatThrownBy(() -> ConfigLoader.parse("policy: { users: { \"slack:U1\": { role: admin } } }", Map.of()))
        .hasMessageContaining("policy.users.slack:U1").hasMessageContaining(":");
  }

  static ContainerSummary container(String name, Map<String, String> labels) {
    return new ContainerSummary(name + "-id", name, "img:1", "running", "Up", List.of(), Instant.EPOCH, labels);
  }

  @Test
  void theEnrollmentHintMentionsGroups() {
    assertThat(policy.enrollmentHint(on("slack", "U7"))).contains("policy.groups");
  }
}
