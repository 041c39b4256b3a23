package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real Slack client against the stand-in: 429 answers are waited out as Retry-After says. */
class SlackWebApiTest {
  final SlackStandIn standIn;
  final List<Duration> pauses = new ArrayList<>();
  final SlackWebApi api;

  SlackWebApiTest() throws IOException {
    standIn = new SlackStandIn();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(standIn.apiUrl());
    api = new SlackWebApi(Slack.getInstance(config).methods("xoxb-test"), pauses::add);
  }

  @AfterEach
  void close() {
    standIn.close();
  }

  @Test
  void aRateLimitedPostIsRetriedAfterRetryAfterAndPostedOnce() throws Exception {
    standIn.rateLimit("chat.postMessage", 2);

    String ts = api.postMessage("C1", BlockKitRenderer.simple("hello", false));

    assertThat(ts).isNotBlank();
    assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(standIn.calls("/api/chat.postMessage#429")).hasSize(2);
    assertThat(standIn.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void itGivesUpAfterTheLastAttempt() {
    standIn.rateLimit("chat.postMessage", 10);

    assertThatThrownBy(() -> api.postMessage("C1", BlockKitRenderer.simple("hello", false)))
        .isInstanceOf(IOException.class).hasMessageContaining("429");
    assertThat(pauses).hasSize(SlackWebApi.MAX_ATTEMPTS - 1);
  }

  @Test
  void retryAfterIsHonouredAndCapped() {
    assertThat(SlackWebApi.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(SlackWebApi.retryAfter("3600")).isEqualTo(SlackWebApi.MAX_WAIT);
    assertThat(SlackWebApi.retryAfter(null)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void fileUploadUsesTheExternalUploadFlow() throws Exception {
    api.uploadFile("C1", new SlackMessage.FileAttachment("logs-web.txt", "logs-web.txt", "line 1\nline 2\n"));

    assertThat(standIn.calls("files.getUploadURLExternal")).singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("filename", "logs-web.txt"));
    assertThat(standIn.calls()).anyMatch(c -> c.path().startsWith("/upload/") && c.body().contains("line 2"));
    assertThat(standIn.calls("files.completeUploadExternal")).singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("channel_id", "C1"));
  }
}
