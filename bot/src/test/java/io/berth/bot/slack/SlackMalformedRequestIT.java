package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.berth.core.testing.LogCapture;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Correctly signed requests whose content is not what Slack sends (someone holding the signing
 * secret, a Slack change, a broken proxy): a short 400, one WARN line, no stack trace, nothing run.
 * Through the real Bolt app behind the HTTP endpoint.
 */
class SlackMalformedRequestIT {
  static SlackFixture berth;

  @BeforeAll
  static void start() throws Exception {
    berth = new SlackFixture(engine -> engine, "http", List.of());
  }

  @AfterAll
  static void stop() {
    if (berth != null) berth.close();
  }

  record Bad(String name, String contentType, String body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Bad> malformed() {
    return List.of(
        new Bad("payload is not JSON", "application/x-www-form-urlencoded", "payload=" + enc("{not json")),
        new Bad("payload is JSON but not an object", "application/x-www-form-urlencoded", "payload=" + enc("[1,2]")),
        new Bad("button press without a user", "application/x-www-form-urlencoded", "payload=" + enc(
            "{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"berth_confirm:1\",\"value\":\"x\"}]}")),
        new Bad("user of the wrong type", "application/x-www-form-urlencoded", "payload=" + enc(
            "{\"type\":\"block_actions\",\"user\":\"U1\",\"actions\":[{\"action_id\":\"berth_logs:1\",\"value\":\"x\"}]}")),
        new Bad("actions of the wrong type", "application/x-www-form-urlencoded", "payload=" + enc(
            "{\"type\":\"block_actions\",\"user\":{\"id\":\"UADMIN\"},\"actions\":\"logs\"}")),
        new Bad("button without an action id", "application/x-www-form-urlencoded", "payload=" + enc(
            "{\"type\":\"block_actions\",\"user\":{\"id\":\"UADMIN\"},\"actions\":[{\"value\":\"x\"}]}")),
        new Bad("unknown payload type", "application/x-www-form-urlencoded", "payload=" + enc("{\"type\":\"zzz\"}")),
        new Bad("slash command without a user", "application/x-www-form-urlencoded",
            "command=%2Fdocker&text=ps&team_id=T1&channel_id=C1&response_url=" + enc("http://127.0.0.1:9/x")),
        new Bad("broken form encoding", "application/x-www-form-urlencoded", "payload=%E0%A4%A&x=%ZZ"),
        new Bad("JSON body instead of a form", "application/json", "{\"type\":\"block_actions\",\"user\":7}"),
        new Bad("plain text body", "text/plain", "hello\nthere"),
        new Bad("empty body", "application/x-www-form-urlencoded", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aSignedButMalformedRequestGetsA400AndOneWarningWithoutAStackTrace(Bad bad) throws Exception {
    HttpResponse<String> r;
    try (LogCapture log = LogCapture.of(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
      r = berth.postSigned(bad.body(), Map.of("Content-Type", bad.contentType()));
      Thread.sleep(300); // work handed to the executor after the ack would log by now
      assertThat(r.statusCode()).as(bad.name()).isEqualTo(400);
      assertThat(r.body()).as(bad.name()).isNotBlank().hasSizeLessThan(120).doesNotContain("Exception")
          .doesNotContain("at com.").doesNotContain("at io.");
      assertThat(log.events()).as(bad.name())
          .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.INFO) && e.getThrowableProxy() != null)
          .noneMatch(e -> e.getLevel() == Level.ERROR)
          .filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage()).doesNotContain("\n"));
    }
    assertThat(berth.auditEntries()).isEmpty();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
