package io.berth.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.result.ContainerEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.berth.core.testing.TestClock;
import org.junit.jupiter.api.Test;

class AlertDetectorTest {
  private final TestClock clock = TestClock.at("2026-11-28T12:00:00Z");
  private final AlertDetector detector =
      new AlertDetector(EnumSet.allOf(Alert.Kind.class), Duration.ofMinutes(5), 3, clock);

  private Optional<Alert> event(String id, String action, Integer exit) {
    return detector.accept(new ContainerEvent(clock.instant(), id, "name-" + id, action, exit, Map.of()));
  }

  @Test
  void nonZeroDieIsAnAlertAndCleanExitIsNot() {
    assertThat(event("a", "die", 137)).map(Alert::kind).contains(Alert.Kind.DIED);
    assertThat(event("b", "die", 0)).isEmpty();
  }

  @Test
  void theSameAlertWithinTheDedupeWindowIsSentOnce() {
    assertThat(event("a", "die", 1)).isPresent();
    clock.advance(Duration.ofSeconds(60));
    assertThat(event("a", "die", 1)).isEmpty();
    clock.advance(Duration.ofMinutes(5));
    assertThat(event("a", "die", 1)).isPresent();
  }

  @Test
  void oomFollowedByDieIsOneOomAlert() {
    assertThat(event("a", "oom", null)).map(Alert::kind).contains(Alert.Kind.OOM_KILLED);
    assertThat(event("a", "die", 137)).isEmpty();
  }

  @Test
  void threeStartsWithinTwoMinutesIsARestartLoop() {
    assertThat(event("a", "start", null)).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(event("a", "start", null)).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(event("a", "restart", null)).map(Alert::kind).contains(Alert.Kind.RESTART_LOOP);
  }

  @Test
  void unhealthyIsAnAlert() {
    assertThat(event("a", "health_status: unhealthy", null)).map(Alert::kind).contains(Alert.Kind.UNHEALTHY);
    assertThat(event("b", "health_status: healthy", null)).isEmpty();
  }

  @Test
  void rateLimitCapsAlertsPerMinuteAcrossContainers() {
    for (String id : List.of("a", "b", "c")) assertThat(event(id, "die", 1)).isPresent();
    assertThat(event("d", "die", 1)).isEmpty();
    clock.advance(Duration.ofSeconds(61));
    assertThat(event("d", "die", 1)).isPresent();
  }

  @Test
  void disabledKindsAreIgnoredAndUnknownNamesRejected() {
    AlertDetector onlyOom = new AlertDetector(AlertDetector.kinds(List.of("oom")), Duration.ofMinutes(5), 6, clock);
    assertThat(onlyOom.accept(new ContainerEvent(clock.instant(), "a", "a", "die", 1, Map.of()))).isEmpty();
    assertThatThrownBy(() -> AlertDetector.kinds(List.of("dead"))).hasMessageContaining("unknown notify event \"dead\"");
  }
}
