package io.berth.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.command.Events;
import io.berth.core.replica.InMemorySharedStore;
import io.berth.core.result.ContainerEvent;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Alerts across a change of leader: the old leader's feed sent some, then died; the new leader's feed
 * replays the engine's recent events and sends only those nobody sent: one alert per event, none lost,
 * none doubled.
 */
class AlertFeedTest {
  private final TestClock clock = TestClock.at("2026-11-30T12:00:00Z");
  private final InMemorySharedStore shared = new InMemorySharedStore(1000, clock);
  private final List<Alert> delivered = new CopyOnWriteArrayList<>();

  private AlertFeed feed(RecordingContainerEngine engine, Duration replay) {
    AlertFeed f = new AlertFeed(engine,
        new AlertDetector(EnumSet.allOf(Alert.Kind.class), Duration.ofMinutes(5), 100, clock), shared, replay, clock);
    f.addSink(delivered::add);
    return f;
  }

  private static ContainerEvent died(String id, Instant at) {
    return new ContainerEvent(at, id, "name-" + id, "die", 1, Map.of("name", "name-" + id, "exitCode", "1"));
  }

  private static Events.Event inHistory(ContainerEvent e) {
    return new Events.Event(e.time(), "container", e.action(), e.containerId(), e.attributes());
  }

  @Test
  void aNewLeaderSendsWhatHappenedDuringTheTakeoverAndNothingTheOldLeaderSent() {
    Instant t0 = clock.instant().minusSeconds(40);
    ContainerEvent sentByOld = died("aaa", t0);
    ContainerEvent whileNobodyLed = died("bbb", t0.plusSeconds(20));

    RecordingContainerEngine oldEngine = new RecordingContainerEngine();
    try (AlertFeed oldLeader = feed(oldEngine, Duration.ofMinutes(2))) {
      oldLeader.start();
      oldEngine.emit(sentByOld);
    } // the old leader dies here; bbb dies while nobody leads
    assertThat(delivered).extracting(Alert::containerId).containsExactly("aaa");

    RecordingContainerEngine newEngine = new RecordingContainerEngine()
        .withEvents(inHistory(sentByOld), inHistory(whileNobodyLed));
    try (AlertFeed newLeader = feed(newEngine, Duration.ofMinutes(2))) {
      newLeader.start();
      assertThat(newEngine.eventQueries()).hasSize(1).first().asString().startsWith(clock.instant().minusSeconds(120).toString());
      // the live stream repeats an event the replay already sent (it arrived while the replay ran)
      newEngine.emit(whileNobodyLed);
      newEngine.emit(died("ccc", clock.instant()));
    }
    assertThat(delivered).extracting(Alert::containerId).containsExactly("aaa", "bbb", "ccc");
  }

  @Test
  void aBerthAloneDoesNotReplayOnStart() {
    RecordingContainerEngine engine = new RecordingContainerEngine().withEvents(inHistory(died("aaa", clock.instant())));
    try (AlertFeed alone = feed(engine, Duration.ZERO)) {
      alone.start();
    }
    assertThat(engine.eventQueries()).isEmpty();
    assertThat(delivered).isEmpty();
  }
}
