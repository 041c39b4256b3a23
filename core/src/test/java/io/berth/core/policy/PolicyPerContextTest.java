package io.berth.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.command.DockerRequest;
import io.berth.core.config.ConfigLoader;
import io.berth.core.config.PolicySettings;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.result.ContainerSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Policy per context (engine.endpoints): a group's role, a user's or group's scope, the run guards and the approval
 * rules can differ between prod and staging; each is allowed on staging and denied (or held) on prod.
 */
class PolicyPerContextTest {
  static final PicocliCommandLanguage LANGUAGE = new PicocliCommandLanguage();
  static final PolicySettings SETTINGS = ConfigLoader.parse("""
      engine:
        endpoints: [ {name: prod, host: "unix:///p.sock"}, {name: staging, host: "unix:///s.sock"} ]
      policy:
        users:
          uma: { role: operator, identities: { slack: [U_UMA] }, scope: { names: ["app-*"] },
                 contexts: { prod: { scope: { names: ["pay-*"] } } } }
          ada: { role: admin, identities: { slack: [U_ADA] } }
        groups:
          - { platform: slack, group: S_OPS, role: operator, contexts: { prod: viewer } }
          - { platform: slack, group: S_PAY, role: operator, scope: { labels: { team: pay } },
              contexts: { prod: { role: operator, scope: { labels: { team: pay, tier: web } } } } }
        run:
          allowPrivileged: true
          allowRootUser: true
          contexts:
            prod: { images: ["localhost:5000/*"], allowRootUser: false }
        approvals:
          rules:
            prod-stops: { commands: [stop, restart], approvers: [admin], contexts: [prod] }
      """, Map.of()).policy();

  final GroupMemberships memberships = new GroupMemberships(SETTINGS.groups());
  final ConfiguredPolicy policy = new ConfiguredPolicy(SETTINGS, new WebAccounts(SETTINGS), memberships);

  static Caller slack(String id) {
    return new Caller(Source.SLACK, id, id, Location.channel("T1", "C1"));
  }

  static ContainerSummary container(String name, Map<String, String> labels) {
    return new ContainerSummary(name + "-id", name, "img:1", "running", "Up", List.of(), Instant.EPOCH, labels);
  }

  BerthUser in(String slackId, String context) {
    return policy.inContext(policy.identify(slack(slackId)).orElseThrow(), context);
  }

  Decision decide(String slackId, String context, String text, ContainerSummary target) {
    DockerRequest r = LANGUAGE.parse(text);
    return policy.decide(in(slackId, context), slack(slackId), r, Optional.ofNullable(target));
  }

  @Test
  void aGroupsRoleDiffersPerContext() {
    memberships.replaceMembers("slack", "S_OPS", List.of("U1"));
    ContainerSummary web = container("web", Map.of());

    assertThat(in("U1", "staging").role()).isEqualTo("operator");
    assertThat(in("U1", "prod").role()).isEqualTo("viewer");
    assertThat(decide("U1", "staging", "stop web", web)).isEqualTo(Decision.ALLOW);
    assertThat(decide("U1", "prod", "stop web", web)).isInstanceOfSatisfying(Decision.Deny.class,
        d -> assertThat(d.reason()).contains("slack:U1 has role viewer, which may not run stop"));
    assertThat(decide("U1", "prod", "ps", null)).isEqualTo(Decision.ALLOW);
  }

  @Test
  void aUsersScopeDiffersPerContext() {
    ContainerSummary app = container("app-1", Map.of());
    ContainerSummary pay = container("pay-1", Map.of());

    assertThat(policy.inScope(in("U_UMA", "staging"), app)).isTrue();
    assertThat(policy.inScope(in("U_UMA", "staging"), pay)).isFalse();
    assertThat(policy.inScope(in("U_UMA", "prod"), pay)).isTrue();
    assertThat(policy.inScope(in("U_UMA", "prod"), app)).isFalse();
    assertThat(decide("U_UMA", "prod", "restart app-1", app)).as("out of scope reads as not found")
        .isEqualTo(new Decision.Deny("No such container: app-1"));
    assertThat(in("U_UMA", "prod").role()).as("a context entry with only a scope keeps the user's role").isEqualTo("operator");
  }

  @Test
  void aGroupsScopeDiffersPerContext() {
    memberships.replaceMembers("slack", "S_PAY", List.of("U2"));
    ContainerSummary payDb = container("db", Map.of("team", "pay"));
    ContainerSummary payWeb = container("web", Map.of("team", "pay", "tier", "web"));

    assertThat(policy.inScope(in("U2", "staging"), payDb)).isTrue();
    assertThat(policy.inScope(in("U2", "prod"), payDb)).isFalse();
    assertThat(policy.inScope(in("U2", "prod"), payWeb)).isTrue();
  }

  @Test
  void aContextsImageAllowlistRefusesWhatStagingAllows() {
    assertThat(decide("U_ADA", "staging", "run -d nginx", null)).isEqualTo(Decision.ALLOW);
    assertThat(decide("U_ADA", "prod", "run -d nginx", null)).isInstanceOfSatisfying(Decision.Deny.class, d ->
        assertThat(d.reason()).isEqualTo("run: image nginx does not match the allowed images [localhost:5000/*]"
            + " (policy.run.contexts.prod.images in config/berth.yml)"));
    assertThat(decide("U_ADA", "prod", "run -d localhost:5000/app", null)).isEqualTo(Decision.ALLOW);
    assertThat(decide("U_ADA", "prod", "pull nginx", null)).isInstanceOf(Decision.Deny.class);
    // images a command learns while it runs (a compose file's) meet the same list
    assertThat(policy.imageRefusal(in("U_ADA", "staging"), "stack deploy", "nginx")).isEmpty();
    assertThat(policy.imageRefusal(in("U_ADA", "prod"), "stack deploy", "nginx")).isPresent();
  }

  @Test
  void aContextsGuardsReplaceOnlyTheKeysItGivesTheRestAreTheTopLevels() {
    assertThat(decide("U_ADA", "staging", "run -d -u root localhost:5000/app", null)).isEqualTo(Decision.ALLOW);
    assertThat(decide("U_ADA", "prod", "run -d -u root localhost:5000/app", null)).isInstanceOfSatisfying(Decision.Deny.class,
        d -> assertThat(d.reason()).contains("-u root").contains("policy.run.contexts.prod.allowRootUser"));
    assertThat(decide("U_ADA", "prod", "exec -u 0 web sh", container("web", Map.of()))).isInstanceOf(Decision.Deny.class);
    assertThat(decide("U_ADA", "staging", "exec -u 0 web sh", container("web", Map.of())))
        .isInstanceOf(Decision.Confirm.class);
    // prod does not set allowPrivileged: the top level's true holds there too
    assertThat(decide("U_ADA", "prod", "run -d --privileged localhost:5000/app", null)).isEqualTo(Decision.ALLOW);
    assertThat(SETTINGS.run().in("prod").allowPrivileged()).isTrue();
    assertThat(SETTINGS.run().in("staging")).isSameAs(SETTINGS.run());
  }

  @Test
  void anApprovalRuleNamingContextsHoldsOnlyThere() {
    ContainerSummary web = container("web", Map.of());

    assertThat(decide("U_ADA", "staging", "stop web", web)).isEqualTo(Decision.ALLOW);
    assertThat(decide("U_ADA", "prod", "stop web", web)).isInstanceOfSatisfying(Decision.NeedsApproval.class, n -> {
      assertThat(n.rule()).isEqualTo("prod-stops");
      assertThat(n.approvers()).containsExactly("admin");
    });
  }
}
