package io.berth.web.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.web.ConsoleSettings;
import io.berth.web.testing.ConsoleFixture;
import io.berth.web.testing.FakeSwarm;
import io.berth.web.testing.WebClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's Services, service and Nodes pages against a Swarm manager in memory ({@link FakeSwarm}), with the
 * real core, policy, command language and audit: what the pages show, actions through the catalog (a viewer refused,
 * a scale followed to convergence, a removal confirmed), and rows changed live by a Swarm event.
 */
class SwarmPagesTest {
  FakeSwarm swarm;
  ConsoleFixture fx;
  WebClient admin;
  final List<AutoCloseable> closers = new ArrayList<>();

  @BeforeEach
  void start() {
    swarm = new FakeSwarm("n1")
        .node("n1", "fleet-m1", "active", "Leader")
        .node("n2", "fleet-w1", "drain", null)
        .service("svc1", "web", "berth-test/busybox:latest", 3, 2, Map.of())
        .service("svc2", "pay-api", "berth-test/busybox:1", 1, 1, Map.of());
    fx = new ConsoleFixture(swarm.engine(), ConsoleSettings.DEFAULTS);
    admin = login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closers) c.close();
    fx.close();
  }

  private WebClient login(String user, String password) {
    WebClient c = new WebClient(fx.base());
    assertThat(c.login(user, password).statusCode()).isEqualTo(303);
    return c;
  }

  @Test
  void theServicesPageListsTheManagersServicesAndTheServicePageItsTasks() {
    String page = admin.get("/services").body();
    assertThat(page).contains("id=\"s-svc1\"").contains(">web</a>").contains("href=\"/services/web\"")
        .contains(">replicated<").contains(">2/3<").contains("berth-test/busybox:latest").contains("*:8080-&gt;80/tcp")
        .contains("id=\"s-svc2\"").contains("sse-connect=\"/services/events?");

    String web = admin.get("/services/web").body();
    assertThat(web).contains("id=\"service-replicas\" sse-swap=\"replicas\" hx-swap=\"innerHTML\">2/3<").contains("web.1").contains("web.3").contains("fleet-w1")
        .contains(">Pending<").contains("no suitable node (insufficient resources on 2 nodes)")
        .contains("id=\"scale\"").contains("id=\"update\"").contains("id=\"rollback\"").contains("id=\"service-rm\"");
    assertThat(admin.get("/services/nope").statusCode()).isEqualTo(404);
    assertThat(admin.get("/services/bad%2Fname").statusCode()).isEqualTo(400);
  }

  @Test
  void theNodesPageShowsEachNodeAndMarksTheOneBerthTalksTo() {
    String page = admin.get("/nodes").body();
    assertThat(page).contains("data-hostname=\"fleet-m1\"").contains(">Leader<").contains(">Drain<").contains("20.10.24")
        .contains("Ready").contains("docker's *)\">*</span>").contains("hx-post=\"/nodes/n2/availability\"");
    // and node ls, as the CLI and chat print it, marks it as docker does
    String bar = admin.post("/command", Map.of("text", "node ls")).body();
    assertThat(bar).containsPattern("n1 \\*\\s+fleet-m1").containsPattern("n2\\s+fleet-w1");
  }

  @Test
  void aScopedUserSeesOnlyTheServicesInScope() {
    WebClient scoped = login(ConsoleFixture.SCOPED, ConsoleFixture.SCOPED_PASSWORD);
    assertThat(scoped.get("/services").body()).contains("id=\"s-svc2\"").doesNotContain("id=\"s-svc1\"");
    assertThat(scoped.get("/services/web").statusCode()).isEqualTo(404);
  }

  @Test
  void aViewerGetsNoActionsAndEveryActionIsRefusedAndAudited() {
    WebClient viewer = login(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD);
    assertThat(viewer.get("/services/web").body()).contains("web.1").doesNotContain("id=\"scale\"")
        .doesNotContain("id=\"update\"").doesNotContain("id=\"rollback\"").doesNotContain("id=\"service-rm\"");
    assertThat(viewer.get("/nodes").body()).contains("fleet-w1").doesNotContain("/availability");

    assertThat(viewer.post("/services/web/scale", Map.of("replicas", "5")).statusCode()).isEqualTo(403);
    assertThat(viewer.post("/services/web/update", Map.of("image", "berth-test/busybox:2")).statusCode()).isEqualTo(403);
    assertThat(viewer.post("/services/web/rollback", Map.of()).statusCode()).isEqualTo(403);
    assertThat(viewer.post("/services/web/rm", Map.of()).statusCode()).isEqualTo(403);
    assertThat(viewer.post("/nodes/n2/availability", Map.of("availability", "active")).statusCode()).isEqualTo(403);
    assertThat(swarm.changes()).isEmpty();
    assertThat(fx.audit().query(new AuditFilter(null, null, null, null, AuditOutcome.DENIED, null, null, null, null), 50))
        .extracting(r -> r.entry().action())
        .containsExactlyInAnyOrder("service scale", "service update", "service rollback", "service rm", "node update");
  }

  @Test
  void aScaleRunsThroughTheCatalogAndItsRolloutIsFollowedOnThePage() throws Exception {
    HttpResponse<String> r = admin.post("/services/web/scale", Map.of("replicas", "4"));
    assertThat(r.statusCode()).isEqualTo(200);
    Matcher m = Pattern.compile("sse-connect=\"/jobs/([0-9a-f-]+)/events\"").matcher(r.body());
    assertThat(m.find()).as(r.body()).isTrue();
    BlockingQueue<Message> job = open(admin, "/jobs/" + m.group(1) + "/events");
    // progress is sent at most ~10 times a second, so a message may hold a block still being written: wait for the slots
    assertThat(next(job, "progress", 15, "4/4: ").data()).contains("overall progress:").contains("out of 4 tasks");
    Message done = next(job, "done", 15);
    assertThat(done.data()).contains("flash ok").contains("verify: Service converged");
    assertThat(swarm.changes()).containsExactly("update service web");
    assertThat(admin.get("/services").body()).contains(">4/4<");
  }

  @Test
  void removingAServiceAsksForConfirmationFirst() {
    HttpResponse<String> r = admin.post("/services/web/rm", Map.of());
    assertThat(r.body()).contains("id=\"confirm-dialog\"").contains("name=\"token\"");
    assertThat(swarm.changes()).isEmpty();
    Matcher token = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(r.body());
    assertThat(token.find()).isTrue();
    assertThat(admin.post("/confirm", Map.of("token", token.group(1), "target", "#flash")).statusCode()).isEqualTo(200);
    assertThat(swarm.changes()).containsExactly("rm service web");
  }

  @Test
  void aNodesAvailabilityIsSetThroughTheCatalog() {
    HttpResponse<String> r = admin.post("/nodes/n2/availability", Map.of("availability", "active"));
    assertThat(r.body()).doesNotContain("confirm-dialog");
    if (r.body().contains("name=\"token\"")) { // a configuration that confirms node update
      return;
    }
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(swarm.changes()).containsExactly("update node n2 active");
    assertThat(admin.post("/nodes/n2/availability", Map.of("availability", "sideways")).statusCode()).isEqualTo(400);
  }

  @Test
  void aSwarmEventChangesTheOpenPagesRowsWithoutAReload() throws Exception {
    BlockingQueue<Message> services = open(admin, "/services/events");
    next(services, "ready", 5);
    BlockingQueue<Message> tasks = open(admin, "/services/web/events");
    next(tasks, "ready", 5);
    BlockingQueue<Message> nodes = open(admin, "/nodes/events");
    next(nodes, "ready", 5);

    swarm.running("svc1", 3);
    swarm.emit("service", "update", "svc1", Map.of("name", "web"));
    assertThat(next(services, "rows", 5).data()).contains("id=\"s-svc1\"").contains(">3/3<");
    assertThat(next(tasks, "replicas", 5).data()).isEqualTo("3/3");
    assertThat(next(tasks, "rows", 5).data()).contains("web.3").doesNotContain(">Pending<");

    swarm.node("n2", "fleet-w1", "pause", null);
    swarm.emit("node", "update", "n2", Map.of("name", "fleet-w1"));
    // every Swarm event refreshes the open Swarm pages (the service event did too): the node's change arrives
    assertThat(next(nodes, "rows", 5, "data-availability=\"Pause\"").data()).contains("data-hostname=\"fleet-w1\"");
  }

  /** event name + data, as an EventSource would see them. */
  record Message(String event, String data) {}

  BlockingQueue<Message> open(WebClient c, String path) throws Exception {
    BlockingQueue<Message> q = new LinkedBlockingQueue<>();
    HttpResponse<Stream<String>> r = c.http().send(c.request(path).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    Thread t = new Thread(() -> {
      String event = null;
      StringBuilder data = new StringBuilder();
      try {
        for (String line : (Iterable<String>) r.body()::iterator) {
          if (line.startsWith("event: ")) event = line.substring(7);
          else if (line.startsWith("data: ")) data.append(data.length() > 0 ? "\n" : "").append(line.substring(6));
          else if (line.isEmpty() && event != null) {
            q.add(new Message(event, data.toString()));
            event = null;
            data.setLength(0);
          }
        }
      } catch (RuntimeException closed) {
        // stream closed by the test
      }
    });
    t.setDaemon(true);
    t.start();
    closers.add(() -> r.body().close());
    return q;
  }

  static Message next(BlockingQueue<Message> q, String event, int seconds) throws InterruptedException {
    return next(q, event, seconds, "");
  }

  /** The next {@code event} message whose data contains {@code text}, within {@code seconds}. */
  static Message next(BlockingQueue<Message> q, String event, int seconds, String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      Message m = q.poll(100, TimeUnit.MILLISECONDS);
      if (m != null && m.event().equals(event) && m.data().contains(text)) return m;
    }
    throw new AssertionError("no " + event + " message with " + text);
  }
}
