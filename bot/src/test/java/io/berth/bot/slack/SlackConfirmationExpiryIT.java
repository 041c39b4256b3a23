package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Confirm button pressed after the token's TTL says it expired, and nothing runs. */
class SlackConfirmationExpiryIT {
  /** Real time plus an offset the test can move forward. */
  static final class ShiftedClock extends Clock {
    volatile Duration shift = Duration.ZERO;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(shift);
    }
  }

  static final ShiftedClock coreClock = new ShiftedClock();
  static SlackFixture berth;
  static TestContainers containers;

  @BeforeAll
  static void start() throws Exception {
    containers = new TestContainers();
    berth = new SlackFixture(engine -> engine, "http", List.of(), coreClock);
  }

  @AfterAll
  static void stop() {
    if (berth != null) berth.close();
    if (containers != null) containers.close();
  }

  @Test
  void anExpiredConfirmationSaysSoAndTheContainerStays() throws Exception {
    String name = containers.run("late", true, "sleep", "300");
    SlackStandIn.Call prompt = berth.answer(berth.slash(SlackFixture.OPERATOR, "rm -f " + name));
    String token = SlackHttpIT.buttonValue(prompt.blocks(), BlockKitRenderer.CONFIRM);

    coreClock.shift = Duration.ofMinutes(6); // past policy.confirm.ttl (5m)
    String url = berth.slack.newResponseUrl();
    assertThat(berth.postSigned(berth.actionBody(SlackFixture.OPERATOR, BlockKitRenderer.CONFIRM, token, url), Map.of())
        .statusCode()).isEqualTo(200);
    SlackStandIn.Call answer = berth.answer(url);

    assertThat(answer.field("response_type")).isEqualTo("ephemeral");
    assertThat(answer.blocks().toString()).contains("expired");
    assertThat(containers.exists(name)).isTrue();
    assertThat(berth.executions("rm", name)).isZero();
  }
}
