package io.berth.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerStatesTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  static ContainerSummary row(String id, String state, String status) {
    return new ContainerSummary(id, "n-" + id, "busybox", state, status, List.of(), T, Map.of("team", "a"));
  }

  static ContainerEvent real(String id, String action, Integer exit) {
    return new ContainerEvent(T, id, "n-" + id, action, exit, exit == null ? Map.of() : Map.of("exitCode", "" + exit));
  }

  @Test
  void aContainerThatDiedWhileTheEngineWasDownGetsItsDieEventWithTheExitCode() {
    ContainerStates s = new ContainerStates();
    s.seed(List.of(row("a", "running", "Up 3 seconds"), row("b", "running", "Up 1 hour")));
    List<ContainerEvent> missed = s.reconcile(
        List.of(row("a", "exited", "Exited (3) 2 seconds ago"), row("b", "running", "Up 1 hour")), T.plusSeconds(9));
    assertThat(missed).hasSize(1);
    ContainerEvent die = missed.get(0);
    assertThat(die.containerId()).isEqualTo("a");
    assertThat(die.action()).isEqualTo("die");
    assertThat(die.exitCode()).isEqualTo(3);
    assertThat(die.name()).isEqualTo("n-a");
    assertThat(die.attributes()).containsEntry("team", "a").containsEntry("image", "busybox").containsEntry("exitCode", "3");
  }

  @Test
  void theEnginesOwnCopyOfAReconciledChangeIsDroppedOnce() {
    ContainerStates s = new ContainerStates();
    s.seed(List.of(row("a", "running", "Up")));
    assertThat(s.reconcile(List.of(row("a", "exited", "Exited (3) now")), T)).extracting(ContainerEvent::action)
        .containsExactly("die");
    assertThat(s.observe(real("a", "kill", null))).isTrue(); // not a state change: passes
    assertThat(s.observe(real("a", "die", 3))).as("replayed via since").isFalse();
    // later life of the container is reported as usual
    assertThat(s.observe(real("a", "start", null))).isTrue();
    assertThat(s.observe(real("a", "die", 1))).isTrue();
  }

  @Test
  void aChangeTheEngineReplayedBeforeReconcilingIsNotReportedAgain() {
    ContainerStates s = new ContainerStates();
    s.seed(List.of(row("a", "running", "Up")));
    assertThat(s.observe(real("a", "die", 3))).isTrue();
    assertThat(s.reconcile(List.of(row("a", "exited", "Exited (3) now")), T)).isEmpty();
  }

  @Test
  void newAndRemovedContainersBecomeCreateStartAndDestroy() {
    ContainerStates s = new ContainerStates();
    s.seed(List.of(row("old", "exited", "Exited (0) 1 hour ago"), row("p", "running", "Up")));
    List<ContainerEvent> missed = s.reconcile(List.of(row("new", "running", "Up 1 second"),
        row("quick", "exited", "Exited (0) 1 second ago"), row("p", "paused", "Up (Paused)")), T);
    assertThat(missed).extracting(e -> e.containerId() + ":" + e.action()).containsExactlyInAnyOrder(
        "new:create", "new:start", "quick:create", "quick:start", "quick:die", "p:pause", "old:destroy");
    assertThat(s.reconcile(List.of(row("new", "running", "Up"), row("quick", "exited", "Exited (0)"),
        row("p", "paused", "Up (Paused)")), T)).as("nothing changed since").isEmpty();
  }

  @Test
  void eventsKeepTheKnownStateCurrentBetweenReconnects() {
    ContainerStates s = new ContainerStates();
    s.seed(List.of());
    s.observe(real("a", "create", null));
    s.observe(real("a", "start", null));
    assertThat(s.reconcile(List.of(row("a", "running", "Up")), T)).isEmpty();
  }

  @Test
  void anEventDuringTheSeedingListWinsOverTheList() {
    ContainerStates s = new ContainerStates();
    s.beginSeed();
    s.observe(real("a", "die", 2)); // arrived while the list (still saying running) was on its way
    s.seed(List.of(row("a", "running", "Up")));
    assertThat(s.reconcile(List.of(row("a", "exited", "Exited (2)")), T)).isEmpty();
  }

  @Test
  void exitCodeComesFromDockersStatusText() {
    assertThat(row("a", "exited", "Exited (137) 5 minutes ago").exitCode()).isEqualTo(137);
    assertThat(row("a", "running", "Up 5 minutes").exitCode()).isNull();
  }
}
