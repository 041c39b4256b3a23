package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.app_backend.SlackSignature;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.testing.TestEngine;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Slack surface over HTTP, end to end: real Bolt app, real CommandService, real Docker daemon. */
class SlackHttpIT {
  static SlackFixture berth;
  static TestContainers containers;
  static TestEngine images; // the pull test's own registry image

  @BeforeAll
  static void start() throws Exception {
    containers = new TestContainers();
    images = new TestEngine("slack-http");
    berth = new SlackFixture(engine -> DockerCli.withChattyPulls(engine, 40), "http", List.of());
  }

  @AfterAll
  static void stop() {
    if (berth != null) berth.close();
    if (containers != null) containers.close();
    if (images != null) images.close();
  }

  @Test
  void slashCommandIsAckedWithinThreeSecondsWhileTheEngineCallTakesLonger() throws Exception {
    String name = containers.name("slow");
    String url = berth.slack.newResponseUrl();
    long t0 = System.nanoTime();
    HttpResponse<String> ack = berth.postSigned(
        berth.slashBody(SlackFixture.OPERATOR, "run --rm -l berth.test=true --name " + name + " " + TestContainers.IMAGE + " sleep 4", url), Map.of());
    Duration ackTime = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(ackTime).isLessThan(Duration.ofSeconds(3));
    assertThat(ack.body()).contains("running");
    assertThat(berth.slack.calls(URI.create(url).getPath())).isEmpty();

    SlackStandIn.Call answer = berth.answer(url);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(4));
    assertThat(answer.field("response_type")).isEqualTo("in_channel");
    assertThat(berth.executions("run", name)).isEqualTo(1);
  }

  @Test
  void forgedMissingExpiredAndFutureDatedSignaturesAreRefusedAndNothingRuns() throws Exception {
    String name = containers.name("forged");
    String url = berth.slack.newResponseUrl();
    String body = berth.slashBody(SlackFixture.ADMIN, "run -l berth.test=true --name " + name + " " + TestContainers.IMAGE + " echo hi", url);
    long now = System.currentTimeMillis() / 1000;
    String nowTs = String.valueOf(now);
    String forged = new SlackSignature.Generator("not-the-secret").generate(nowTs, body);
    String expired = String.valueOf(now - 6 * 60);
    String future = String.valueOf(now + 6 * 60);

    List<Integer> statuses = new ArrayList<>();
    statuses.add(berth.post(body, Map.of("X-Slack-Request-Timestamp", nowTs, "X-Slack-Signature", forged)).statusCode());
    statuses.add(berth.post(body, Map.of()).statusCode());
    statuses.add(berth.post(body, Map.of("X-Slack-Request-Timestamp", nowTs)).statusCode());
    statuses.add(berth.post(body, Map.of("X-Slack-Request-Timestamp", expired,
        "X-Slack-Signature", berth.signer.generate(expired, body))).statusCode());
    statuses.add(berth.post(body, Map.of("X-Slack-Request-Timestamp", future,
        "X-Slack-Signature", berth.signer.generate(future, body))).statusCode());
    // Right signature, body altered after signing.
    statuses.add(berth.post(body.replace("echo+hi", "echo+ho"), Map.of("X-Slack-Request-Timestamp", nowTs,
        "X-Slack-Signature", berth.signer.generate(nowTs, body))).statusCode());

    assertThat(statuses).containsOnly(401);
    // A genuine command afterwards completes, so anything the refused ones had started would show by now.
    berth.answer(berth.slash(SlackFixture.ADMIN, "ps"));
    assertThat(berth.auditEntries()).noneMatch(e -> e.commandText() != null && e.commandText().contains(name));
    assertThat(berth.slack.calls(URI.create(url).getPath())).isEmpty();
    assertThat(containers.exists(name)).isFalse();
  }

  @Test
  void aRetriedOrReplayedDeliveryExecutesOnce() throws Exception {
    String name = containers.name("retry");
    String url = berth.slack.newResponseUrl();
    String body = berth.slashBody(SlackFixture.OPERATOR, "run --rm -l berth.test=true --name " + name + " " + TestContainers.IMAGE + " echo once", url);

    assertThat(berth.postSigned(body, Map.of()).statusCode()).isEqualTo(200);
    assertThat(berth.postSigned(body, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")).statusCode())
        .isEqualTo(200);
    assertThat(berth.postSigned(body, Map.of()).statusCode()).isEqualTo(200);

    berth.answer(url);
    berth.answer(berth.slash(SlackFixture.OPERATOR, "ps"));
    assertThat(berth.executions("run", name)).isEqualTo(1);
    assertThat(berth.slack.calls(URI.create(url).getPath())).hasSize(1);
  }

  @Test
  void aViewersRmIsDeniedAndAudited() throws Exception {
    String name = containers.run("keep", true, "sleep", "300");

    SlackStandIn.Call answer = berth.answer(berth.slash(SlackFixture.VIEWER, "rm -f " + name));

    assertThat(answer.field("response_type")).isEqualTo("ephemeral");
    assertThat(answer.blocks().toString()).contains("Denied");
    assertThat(berth.auditEntries()).anyMatch(e -> e.outcome() == AuditOutcome.DENIED && "rm".equals(e.action())
        && "vic".equals(e.berthUser()) && "T1/C1".equals(e.location()) && "slack".equals(e.source().id()));
    assertThat(berth.executions("rm", name)).isZero();
    assertThat(containers.exists(name)).isTrue();
  }

  @Test
  void confirmButtonRemovesTheContainerOnlyForTheRequesterAndOnlyOnce() throws Exception {
    String name = containers.run("doomed", true, "sleep", "300");

    SlackStandIn.Call prompt = berth.answer(berth.slash(SlackFixture.OPERATOR, "rm -f " + name));
    String token = buttonValue(prompt.blocks(), BlockKitRenderer.CONFIRM);
    assertThat(token).isNotBlank();
    assertThat(containers.exists(name)).isTrue();

    SlackStandIn.Call refused = press(SlackFixture.VIEWER, BlockKitRenderer.CONFIRM, token);
    assertThat(refused.field("response_type")).isEqualTo("ephemeral");
    assertThat(refused.blocks().toString()).contains("Only otto, who asked for it, can confirm this");
    assertThat(containers.exists(name)).isTrue();

    SlackStandIn.Call done = press(SlackFixture.OPERATOR, BlockKitRenderer.CONFIRM, token);
    assertThat(done.field("replace_original")).as(done.body()).isEqualTo("true");
    assertThat(done.blocks().toString()).contains("rm");
    assertThat(containers.exists(name)).isFalse();
    assertThat(berth.executions("rm", name)).isEqualTo(1);

    SlackStandIn.Call reused = press(SlackFixture.OPERATOR, BlockKitRenderer.CONFIRM, token);
    assertThat(reused.blocks().toString()).contains("already used");
    assertThat(berth.executions("rm", name)).isEqualTo(1);
  }

  @Test
  void cancelButtonWithdrawsTheRequestAndTheContainerStays() throws Exception {
    String name = containers.run("spared", true, "sleep", "300");

    SlackStandIn.Call prompt = berth.answer(berth.slash(SlackFixture.OPERATOR, "rm -f " + name));
    String token = buttonValue(prompt.blocks(), BlockKitRenderer.CANCEL);
    SlackStandIn.Call cancelled = press(SlackFixture.OPERATOR, BlockKitRenderer.CANCEL, token);

    assertThat(cancelled.field("replace_original")).isEqualTo("true");
    assertThat(cancelled.field("response_type")).as("the withdrawn prompt is replaced for everyone").isEqualTo("in_channel");
    assertThat(cancelled.blocks().toString()).contains("Cancelled").contains("rm -f " + name);
    // Audited: who cancelled which request, from Slack, linked to the request that asked.
    var cancel = berth.auditEntries().stream().filter(e -> "cancel".equals(e.action())).toList();
    assertThat(cancel).anySatisfy(e -> {
      assertThat(e.outcome()).isEqualTo(io.berth.core.audit.AuditOutcome.FAILED);
      assertThat(e.source().id()).isEqualTo("slack");
      assertThat(e.platformUserId()).isEqualTo(SlackFixture.OPERATOR);
      assertThat(e.commandText()).isEqualTo("rm -f " + name);
      assertThat(e.message()).isEqualTo("cancelled by otto");
      // linked: recorded under the id of the request it withdrew (one entry per command in the audit views)
      assertThat(e.requestId()).isIn(auditIdsOf("rm -f " + name));
    });
    SlackStandIn.Call late = press(SlackFixture.OPERATOR, BlockKitRenderer.CONFIRM, token);
    assertThat(late.blocks().toString()).contains("already used");
    assertThat(containers.exists(name)).isTrue();
    assertThat(berth.executions("rm", name)).isZero();
  }

  @Test
  void pullProgressUpdatesOneMessageInsteadOfFloodingTheChannel() throws Exception {
    String image = images.helloInRegistry("pull"); // not local, and no other test pulls or removes it
    int postsBefore = berth.slack.calls("chat.postMessage").size();

    SlackStandIn.Call answer = berth.answer(berth.slash(SlackFixture.ADMIN, "pull " + image));

    assertThat(answer.blocks().toString()).doesNotContain(":warning:");
    List<SlackStandIn.Call> posts = berth.slack.calls("chat.postMessage").subList(postsBefore,
        berth.slack.calls("chat.postMessage").size());
    assertThat(posts).hasSize(1);
    List<SlackStandIn.Call> updates = berth.slack.calls("chat.update").stream()
        .filter(c -> c.params().getOrDefault("blocks", "").contains("pull " + image)).toList();
    // 40+ progress events, at most one edit per 200 ms: a handful of edits of the same message.
    assertThat(updates).isNotEmpty().hasSizeLessThan(20);
    assertThat(updates).extracting(c -> c.params().get("channel")).containsOnly("C1");
    assertThat(updates.stream().map(c -> c.params().get("ts")).distinct()).hasSize(1);
    assertThat(updates.get(updates.size() - 1).params().get("blocks")).contains("done.");
    images.removeImage(image);
  }

  @Test
  void psRowButtonsGoThroughThePolicy() throws Exception {
    String name = containers.run("row", true, "sh", "-c", "echo row-says-hello; sleep 300");

    SlackStandIn.Call ps = berth.answer(berth.slash(SlackFixture.ADMIN, "ps --filter name=" + name));
    assertThat(ps.blocks().toString()).contains(name);
    assertThat(buttonValue(ps.blocks(), BlockKitRenderer.RESTART + ":0")).isEqualTo(name);

    SlackStandIn.Call denied = press(SlackFixture.VIEWER, BlockKitRenderer.RESTART + ":0", name);
    assertThat(denied.blocks().toString()).contains("Denied");
    assertThat(berth.auditEntries()).anyMatch(e -> e.outcome() == AuditOutcome.DENIED && "restart".equals(e.action())
        && "vic".equals(e.berthUser()));

    SlackStandIn.Call logs = press(SlackFixture.VIEWER, BlockKitRenderer.LOGS + ":0", name);
    assertThat(logs.blocks().toString()).contains("row-says-hello");
  }

  @Test
  void aTenThousandLineLogsAnswerStaysWithinSlackLimitsAndAttachesTheWholeOutput() throws Exception {
    String name = containers.run("chatty", false, "sh", "-c",
        "i=1; while [ $i -le 10000 ]; do echo \"line $i of the chatty container\"; i=$((i+1)); done");

    SlackStandIn.Call answer = berth.answer(berth.slash(SlackFixture.ADMIN, "logs " + name));

    JsonNode blocks = answer.blocks();
    assertWithinSlackLimits(blocks);
    assertThat(blocks.toString()).contains("line 10000 of the chatty container").contains("attached");
    SlackStandIn.Call upload = berth.slack.await(c -> c.path().startsWith("/upload/")
        && c.body().contains("line 1 of the chatty") && c.body().contains("line 10000 of the chatty"), Duration.ofSeconds(60));
    assertThat(upload).isNotNull();
    SlackStandIn.Call complete = berth.slack.await(c -> c.method().equals("files.completeUploadExternal"), Duration.ofSeconds(60));
    assertThat(complete.params().get("channel_id")).isEqualTo("C1");
  }

  static void assertWithinSlackLimits(JsonNode blocks) {
    assertThat(blocks.size()).isBetween(1, BlockKitRenderer.MAX_BLOCKS);
    for (JsonNode b : blocks) {
      if (b.path("type").asText().equals("section")) {
        assertThat(b.path("text").path("text").asText().length()).isLessThanOrEqualTo(BlockKitRenderer.MAX_SECTION_CHARS);
      }
      if (b.path("type").asText().equals("actions")) {
        assertThat(b.path("elements").size()).isLessThanOrEqualTo(BlockKitRenderer.MAX_ACTION_ELEMENTS);
      }
    }
  }

  private SlackStandIn.Call press(String user, String actionId, String value) throws Exception {
    String url = berth.slack.newResponseUrl();
    HttpResponse<String> ack = berth.postSigned(berth.actionBody(user, actionId, value, url), Map.of());
    assertThat(ack.statusCode()).isEqualTo(200);
    return berth.answer(url);
  }

  static String buttonValue(JsonNode blocks, String actionId) {
    for (JsonNode b : blocks) {
      for (JsonNode e : b.path("elements")) {
        if (actionId.equals(e.path("action_id").asText())) return e.path("value").asText();
      }
    }
    throw new AssertionError("no button " + actionId + " in " + blocks);
  }


  /** Ids of the records that asked for {@code text} (the confirmation prompt), for linking a cancel to them. */
  private java.util.List<String> auditIdsOf(String text) {
    return berth.auditEntries().stream().filter(e -> text.equals(e.commandText()) && !"cancel".equals(e.action()))
        .map(e -> e.requestId()).toList();
  }
}
