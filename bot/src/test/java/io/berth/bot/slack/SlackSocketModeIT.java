package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Socket Mode against a local stand-in WebSocket server: envelope in, ack envelope out, answer via response_url. */
class SlackSocketModeIT {
  static SlackFixture berth;
  static TestContainers containers;
  static StandInSocket socket;

  /** Plays Slack's Socket Mode side: says hello, records what the app sends. */
  static final class StandInSocket extends WebSocketServer {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch connected = new CountDownLatch(1);
    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    volatile WebSocket client;

    StandInSocket() {
      super(new InetSocketAddress("127.0.0.1", 0));
      setReuseAddr(true);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      client = conn;
      conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"standin\"},"
          + "\"connection_info\":{\"app_id\":\"A1\"}}");
      connected.countDown();
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      try {
        received.add(SlackStandIn.JSON.readTree(message));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
      started.countDown();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    containers = new TestContainers();
    socket = new StandInSocket();
    socket.start();
    assertThat(socket.started.await(10, TimeUnit.SECONDS)).isTrue();
    berth = new SlackFixture(engine -> engine, "socket", List.of());
    berth.slack.socketUrl("ws://127.0.0.1:" + socket.getPort() + "/link/?ticket=t1");
    berth.adapter.start();
    assertThat(socket.connected.await(15, TimeUnit.SECONDS)).as("Socket Mode client connected").isTrue();
  }

  @AfterAll
  static void stop() throws Exception {
    if (berth != null) berth.close();
    if (socket != null) socket.stop(1000);
    if (containers != null) containers.close();
  }

  @Test
  void aSlashCommandEnvelopeIsAckedAtOnceAndAnsweredViaResponseUrl() throws Exception {
    assertThat(berth.slack.calls("apps.connections.open")).isNotEmpty();
    String name = containers.name("socket-slow");
    String responseUrl = berth.slack.newResponseUrl();
    String envelopeId = UUID.randomUUID().toString();
    ObjectNode envelope = SlackStandIn.JSON.createObjectNode();
    envelope.put("envelope_id", envelopeId).put("type", "slash_commands").put("accepts_response_payload", true);
    envelope.putObject("payload")
        .put("token", "legacy").put("team_id", "T1").put("team_domain", "berth").put("channel_id", "C1")
        .put("channel_name", "ops").put("user_id", SlackFixture.OPERATOR).put("user_name", "otto")
        .put("command", "/docker").put("text", "run --rm -l berth.test=true --name " + name + " " + TestContainers.IMAGE + " sleep 4")
        .put("api_app_id", "A1").put("response_url", responseUrl).put("trigger_id", UUID.randomUUID().toString());

    long t0 = System.nanoTime();
    socket.client.send(envelope.toString());
    JsonNode ack = awaitEnvelope(envelopeId, Duration.ofSeconds(60));
    Duration ackTime = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(ackTime).isLessThan(Duration.ofSeconds(3));
    assertThat(ack.toString()).contains("running");
    SlackStandIn.Call answer = berth.answer(responseUrl);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(4));
    assertThat(answer.field("response_type")).isEqualTo("in_channel");
    assertThat(berth.executions("run", name)).isEqualTo(1);

    // Slack redelivers an unacknowledged envelope with retry_attempt; it must not run again.
    envelope.put("retry_attempt", 1).put("retry_reason", "timeout");
    socket.client.send(envelope.toString());
    awaitEnvelope(envelopeId, Duration.ofSeconds(60));
    assertThat(berth.executions("run", name)).isEqualTo(1);
  }

  @Test
  void aButtonPressArrivesAsAnInteractiveEnvelopeAndGoesThroughTheCore() throws Exception {
    String name = containers.run("socket-logs", true, "sh", "-c", "echo socket-says-hi; sleep 300");
    String responseUrl = berth.slack.newResponseUrl();
    String envelopeId = UUID.randomUUID().toString();
    String formBody = berth.actionBody(SlackFixture.VIEWER, BlockKitRenderer.LOGS + ":0", name, responseUrl);
    JsonNode payload = SlackStandIn.JSON.readTree(
        java.net.URLDecoder.decode(formBody.substring("payload=".length()), java.nio.charset.StandardCharsets.UTF_8));
    ObjectNode envelope = SlackStandIn.JSON.createObjectNode();
    envelope.put("envelope_id", envelopeId).put("type", "interactive").put("accepts_response_payload", false);
    envelope.set("payload", payload);

    socket.client.send(envelope.toString());

    awaitEnvelope(envelopeId, Duration.ofSeconds(60));
    SlackStandIn.Call answer = berth.answer(responseUrl);
    assertThat(answer.blocks().toString()).contains("socket-says-hi");
    assertThat(berth.auditEntries()).anyMatch(e -> "logs".equals(e.action()) && "vic".equals(e.berthUser()));
  }

  private static JsonNode awaitEnvelope(String envelopeId, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      JsonNode m = socket.received.poll(100, TimeUnit.MILLISECONDS);
      if (m != null && envelopeId.equals(m.path("envelope_id").asText())) return m;
    }
    throw new AssertionError("no ack envelope for " + envelopeId);
  }
}
