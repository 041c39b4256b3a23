package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackSignatureCheckTest {
  static final Instant NOW = Instant.parse("2026-11-28T01:00:00Z");
  static final String SECRET = "s3cret";
  final SlackSignatureCheck check = new SlackSignatureCheck(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
  final SlackSignature.Generator slack = new SlackSignature.Generator(SECRET);

  private String ts(long offsetSeconds) {
    return String.valueOf(NOW.getEpochSecond() + offsetSeconds);
  }

  @Test
  void ourSignatureMatchesSlacksOwnGenerator() {
    assertThat(check.sign(ts(0), "a=b&c=d")).isEqualTo(slack.generate(ts(0), "a=b&c=d"));
  }

  @Test
  void aCurrentCorrectlySignedRequestPasses() {
    assertThat(check.refusal(ts(-10), slack.generate(ts(-10), "body"), "body")).isEmpty();
  }

  @Test
  void timestampsUpToFiveMinutesEitherWayPassAndBeyondAreRefused() {
    assertThat(check.refusal(ts(300), slack.generate(ts(300), "b"), "b")).isEmpty();
    assertThat(check.refusal(ts(-300), slack.generate(ts(-300), "b"), "b")).isEmpty();
    assertThat(check.refusal(ts(301), slack.generate(ts(301), "b"), "b")).contains("timestamp outside 5 minutes of now");
    assertThat(check.refusal(ts(-301), slack.generate(ts(-301), "b"), "b")).contains("timestamp outside 5 minutes of now");
  }

  @Test
  void aWrongOrMissingSignatureIsRefused() {
    assertThat(check.refusal(ts(0), new SlackSignature.Generator("other").generate(ts(0), "b"), "b")).contains("signature mismatch");
    assertThat(check.refusal(ts(0), slack.generate(ts(0), "b"), "B")).contains("signature mismatch");
    assertThat(check.refusal(ts(0), null, "b")).contains("missing signature headers");
    assertThat(check.refusal(null, slack.generate(ts(0), "b"), "b")).contains("missing signature headers");
    assertThat(check.refusal("yesterday", "v0=00", "b")).contains("malformed timestamp");
  }
}
