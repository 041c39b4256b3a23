package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.result.Outcome;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code container prune}: admin, confirmed, stopped containers only, and only those in the caller's scope. */
class ContainerPruneTest {
  final CommandFixture f = new CommandFixture();

  ContainerPruneTest() {
    f.engine.with("eee555", "ops-old", "exited", Map.of("team", "ops"))
        .with("fff666", "pay-new", "created", Map.of("team", "pay"));
  }

  @Test
  void parsesDockersFiltersWithTheOneTimeParser() {
    assertThat(f.language.parse("container prune -f --filter until=1h --filter label=team=pay"))
        .isEqualTo(new ContainerPrune(true, Instant.parse("2026-11-28T11:00:00Z"), Map.of("team", "pay")));
    ContainerPrune p = new ContainerPrune(false, Instant.parse("2026-11-28T11:00:00Z"), Map.of("keep", ""));
    assertThat(f.language.describe(p)).isEqualTo("container prune --filter until=2026-11-28T11:00:00Z --filter label=keep");
    assertThat(f.language.parse(f.language.describe(p))).isEqualTo(p);
    assertThatThrownBy(() -> f.language.parse("container prune --filter dangling=true"))
        .hasMessageContaining("unsupported filter \"dangling\"");
  }

  @Test
  void needsConfirmationAndRemovesEveryStoppedContainerUnforced() {
    Outcome asked = f.submit("U_A", "container prune");
    assertThat(asked).isInstanceOfSatisfying(Outcome.ConfirmationRequired.class,
        c -> assertThat(c.prompt()).contains("remove all stopped containers you may act on"));
    assertThat(f.engine.mutatingCalls()).isEmpty();
    Outcome o = f.confirmed("U_A", "container prune");
    assertThat(f.render(o)).isEqualTo("Deleted Containers:\nccc333\neee555\nfff666\n\nTotal reclaimed space: 30B\n");
    assertThat(f.engine.mutatingCalls()).containsExactly("remove ccc333 force=false", "remove eee555 force=false",
        "remove fff666 force=false");
  }

  @Test
  void aScopedAdminPrunesOnlyTheirContainers() {
    Outcome o = f.confirmed("U_S", "container prune");
    assertThat(f.render(o)).isEqualTo("Deleted Containers:\nfff666\n\nTotal reclaimed space: 10B\n");
    assertThat(f.engine.mutatingCalls()).containsExactly("remove fff666 force=false");
  }

  @Test
  void labelFilterAndNothingToPrune() {
    assertThat(f.render(f.confirmed("U_A", "container prune --filter label=team=ops")))
        .isEqualTo("Deleted Containers:\neee555\n\nTotal reclaimed space: 10B\n");
    assertThat(f.render(f.confirmed("U_A", "container prune --filter label=nobody")))
        .isEqualTo("Total reclaimed space: 0B\n");
  }

  @Test
  void operatorMayNot() {
    assertThat(f.submit("U_O", "container prune")).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("may not run container prune; that needs role admin"));
  }
}
