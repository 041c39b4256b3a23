package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.config.ConfigLoader;
import io.berth.core.model.BerthUser;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.policy.Decision;
import io.berth.core.result.Outcome;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code tag SOURCE TARGET} and {@code push NAME[:TAG]}: operator, references by docker's grammar. */
class TagTest {
  final CommandFixture f = new CommandFixture();

  @Test
  void bothReferencesFollowDockersGrammar() {
    assertThat(f.language.parse("tag app:1 localhost:5000/app:1")).isEqualTo(new Tag("app:1", "localhost:5000/app:1"));
    assertThat(f.language.parse("image tag app localhost:5000/app")).isEqualTo(new Tag("app", "localhost:5000/app"));
    assertThatThrownBy(() -> f.language.parse("tag app:1 Bad/Upper")).hasMessageContaining("invalid reference format");
    assertThatThrownBy(() -> f.language.parse("tag bad::ref x")).hasMessageContaining("invalid reference format");
    assertThatThrownBy(() -> f.language.parse("push Bad/Upper")).hasMessageContaining("must be lowercase");
    assertThat(f.language.parse("image push localhost:5000/app:1")).isEqualTo(new Push("localhost:5000/app:1"));
    assertThat(f.language.describe(new Tag("app:1", "x/app:2"))).isEqualTo("tag app:1 x/app:2");
  }

  @Test
  void operatorTagsAndPushesViewerMayNot() {
    assertThat(f.render(f.submit("U_O", "tag app:1 localhost:5000/app:1"))).isEmpty();
    assertThat(f.render(f.submit("U_O", "push localhost:5000/app:1"))).isEqualTo("latest: digest: sha256:fake size: 1\n");
    assertThat(f.engine.mutatingCalls()).containsExactly("tag app:1 localhost:5000/app:1", "push localhost:5000/app:1");
    assertThat(f.submit("U_V", "tag app:1 app:2")).isInstanceOf(Outcome.Denied.class);
    assertThat(f.audit.entries()).filteredOn(e -> e.action().equals("tag") && "otto".equals(e.berthUser())).allSatisfy(
        e -> assertThat(e.target()).isEqualTo("localhost:5000/app:1"));
  }

  @Test
  void theImageAllowlistAppliesToTheSourceSoATagCannotLaunderAnImage() {
    ConfiguredPolicy policy = new ConfiguredPolicy(ConfigLoader.parse("""
        policy:
          users: { otto: { role: operator, slack: [U_O] } }
          run: { images: ["nginx:*"] }
        """, Map.of()).policy());
    BerthUser otto = new BerthUser("otto", "operator");
    assertThat(policy.decide(otto, CommandFixture.slack("U_O"), new Tag("evil:1", "nginx:1.27"), Optional.empty()))
        .isInstanceOf(Decision.Deny.class);
    assertThat(policy.decide(otto, CommandFixture.slack("U_O"), new Tag("nginx:1.27", "mine:1"), Optional.empty()))
        .isEqualTo(Decision.ALLOW);
  }
}
