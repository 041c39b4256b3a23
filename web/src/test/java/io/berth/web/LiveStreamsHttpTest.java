package io.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.result.EngineStatus;
import io.berth.core.result.ContainerEvent;
import io.berth.web.testing.ConsoleFixture;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.web.testing.SseMessages;
import io.berth.web.testing.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SSE streams with a fake engine: live rows, log follow batching and release on disconnect. */
class LiveStreamsHttpTest {
  private RecordingContainerEngine engine;
  private ConsoleFixture fx;
  private WebClient web;

  @BeforeEach
  void start() {
    engine = new RecordingContainerEngine().with("aaa111", "web", "running", Map.of());
    fx = new ConsoleFixture(engine, ConsoleSettings.DEFAULTS.withLogLinesKept(500).withSessionIdle(Duration.ofHours(1)));
    web = new WebClient(fx.base());
    assertThat(web.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private SseMessages open(String path, List<AutoCloseable> toClose) throws Exception {
    SseMessages s = new SseMessages(web, path);
    toClose.add(s);
    return s;
  }

  private static SseMessages.Message next(SseMessages q, String event) throws InterruptedException {
    return q.next(event);
  }

  @Test
  void dockerEventBecomesARowReplacementOnTheOpenPage() throws Exception {
    List<AutoCloseable> closers = new ArrayList<>();
    SseMessages q = open("/containers/events", closers);
    next(q, "ready");
    engine.emit(new ContainerEvent(Instant.now(), "aaa111", "web", "die", 1, Map.of()));
    SseMessages.Message m = next(q, "container");
    assertThat(m.data()).contains("id=\"c-aaa111\"").contains("hx-swap-oob=\"true\"").contains(">exited<")
        .contains("Exited (1)");
    engine.emit(new ContainerEvent(Instant.now(), "new1", "<b>x</b>", "create", null, Map.of("image", "i")));
    assertThat(next(q, "container").data()).as("in its place in the order (name): before web")
        .contains("beforebegin:#c-aaa111").contains("&lt;b&gt;x&lt;/b&gt;")
        .doesNotContain("<b>x");
    for (AutoCloseable c : closers) c.close();
  }

  @Test
  void theLiveListSaysWhenTheEngineIsUnreachableAndClearsItWhenItIsBack() throws Exception {
    List<AutoCloseable> closers = new ArrayList<>();
    SseMessages q = open("/containers/events", closers);
    next(q, "ready");
    engine.engineStatus(EngineStatus.lost("connection refused"));
    assertThat(next(q, "engine").data()).contains("Docker engine unreachable").contains("reconnecting");
    engine.engineStatus(EngineStatus.back("reconnected"));
    assertThat(next(q, "engine").data()).doesNotContain("unreachable");
    assertThat(web.get("/containers").body()).as("the page has a place for it").contains("sse-swap=\"engine\"");
    for (AutoCloseable c : closers) c.close();
  }

  @Test
  void hundredThousandLinesInABurstReachThePageAsAtMostTheKeptNewestLines() throws Exception {
    List<AutoCloseable> closers = new ArrayList<>();
    SseMessages q = open("/containers/aaa111/logs/follow", closers);
    next(q, "following");
    String[] lines = new String[100_000];
    for (int i = 0; i < lines.length; i++) lines[i] = "line-" + i;
    engine.print(lines);
    int received = 0;
    int skipped = 0;
    String last = null;
    Pattern skip = Pattern.compile("\"skipped\":(\\d+)");
    Pattern item = Pattern.compile("\"o(line-\\d+)\"");
    while (received + skipped < lines.length) {
      SseMessages.Message m = next(q, "lines");
      Matcher s = skip.matcher(m.data());
      if (s.find()) skipped += Integer.parseInt(s.group(1));
      Matcher it = item.matcher(m.data());
      int inBatch = 0;
      while (it.find()) {
        inBatch++;
        last = it.group(1);
      }
      assertThat(inBatch).isLessThanOrEqualTo(500);
      received += inBatch;
    }
    assertThat(received + skipped).isEqualTo(100_000);
    assertThat(skipped).isPositive();
    assertThat(last).isEqualTo("line-99999");
    for (AutoCloseable c : closers) c.close();
  }

  @Test
  void followIsReleasedWhenTheBrowserGoesAway() throws Exception {
    List<AutoCloseable> closers = new ArrayList<>();
    SseMessages q = open("/containers/aaa111/logs/follow", closers);
    next(q, "following");
    assertThat(engine.openFollows()).isEqualTo(1);
    int subscribers = engine.eventSubscribers();
    for (AutoCloseable c : closers) c.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (engine.openFollows() > 0 && System.nanoTime() < deadline) Thread.sleep(50);
    assertThat(engine.openFollows()).isZero();
    assertThat(engine.eventSubscribers()).isEqualTo(subscribers);
  }

  @Test
  void viewerFollowingLogsIsAllowedButAnUnknownContainerIsRefused() throws Exception {
    List<AutoCloseable> closers = new ArrayList<>();
    SseMessages q = open("/containers/nope/logs/follow", closers);
    assertThat(next(q, "refused").data()).contains("No such container");
    assertThat(engine.openFollows()).isZero();
    for (AutoCloseable c : closers) c.close();
  }
}
