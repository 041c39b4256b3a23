package io.berth.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.result.Progress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import io.berth.core.testing.TestClock;
import org.junit.jupiter.api.Test;

class ProgressRelayTest {
  private final TestClock clock = TestClock.at("2026-11-28T02:00:00Z");
  private final List<String> edits = new ArrayList<>();
  private final ProgressRelay relay = new ProgressRelay(clock, edits::add);

  @Test
  void firstUpdateIsShownAtOnceThenAtMostOneEditPerInterval() {
    relay.on(new Progress.Line("Pulling from library/nginx"));
    relay.on(new Progress.Layer("a1b2", "Downloading", 50L, 100L));
    assertThat(edits).containsExactly("⏳ Pulling from library/nginx");

    clock.advance(ProgressRelay.INTERVAL);
    relay.on(new Progress.Layer("a1b2", "Downloading", 75L, 100L));
    assertThat(edits).hasSize(2).last().isEqualTo("⏳ a1b2: Downloading 75%");
  }

  @Test
  void progressTextCannotPing() {
    relay.on(new Progress.Line("step 3: echo @everyone"));
    assertThat(edits.get(0)).doesNotContain("@everyone");
  }
}
