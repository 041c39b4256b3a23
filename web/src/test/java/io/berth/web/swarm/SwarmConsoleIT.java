package io.berth.web.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.adapter.docker.DockerJavaEngine;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.TestFleet;
import io.berth.web.testing.ConsoleFixture;
import io.berth.web.testing.WebClient;
import io.berth.web.swarm.SwarmPagesTest.Message;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's Swarm pages against a real Swarm ({@link TestFleet}: one manager, two workers; the console's one
 * endpoint is the manager's socket): the nodes page and {@code node ls} mark the manager as docker does; a service
 * created with the docker CLI appears on an open Services page from the manager's events; a scale from the service
 * page converges with its progress streamed; {@code service logs} prints what docker prints; a removal from the
 * page, confirmed, takes the row away live.
 */
class SwarmConsoleIT {
  static final String SERVICE = "bt-console-" + UUID.randomUUID().toString().substring(0, 6);
  static final Caller ADMIN = new Caller(Source.WEB, ConsoleFixture.ADMIN, ConsoleFixture.ADMIN, Location.NOWHERE);
  static TestFleet fleet;
  static DockerJavaEngine engine;
  static ConsoleFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fleet = TestFleet.start();
    engine = new DockerJavaEngine("m1", fleet.manager().unixHost());
    fx = new ConsoleFixture(engine);
  }

  @AfterAll
  static void stop() throws Exception {
    if (fx != null) fx.close();
    if (engine != null) engine.close();
    if (fleet != null) fleet.close();
  }

  @Test
  void theSwarmPagesFollowARealManager() throws Exception {
    SwarmPagesTest live = new SwarmPagesTest(); // its SSE reader, closed here
    try {
      WebClient admin = new WebClient(fx.base());
      assertThat(admin.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
      String manager = "fleet-" + fleet.id() + "-m1";

      // nodes: three, the manager the one Berth talks to, as docker marks it
      String nodes = admin.get("/nodes").body();
      assertThat(nodes).contains("data-hostname=\"" + manager + "\"", "fleet-" + fleet.id() + "-w1", "fleet-" + fleet.id() + "-w2",
          "Leader", manager + "<span class=\"chip\" title=\"the node Berth talks to (docker's *)\">*</span>");
      String dockerSelf = fleet.dockerOk(fleet.manager(), "node", "ls").lines().filter(l -> l.contains(" * "))
          .findFirst().orElseThrow().split("\\s+")[0];
      assertThat(text("node ls")).containsPattern(Pattern.quote(dockerSelf) + " \\*\\s+" + Pattern.quote(manager));

      // a service created with the docker CLI shows on the open page, from the manager's service events
      BlockingQueue<Message> rows = live.open(admin, "/services/events");
      SwarmPagesTest.next(rows, "ready", 10);
      fleet.dockerOk(fleet.manager(), "service", "create", "-d", "--name", SERVICE, "--replicas", "1", "--no-resolve-image",
          "--stop-signal", "KILL", "--label", "berth.test=true", TestEngine.BUSYBOX, "sh", "-c",
          "echo hello from $(hostname); sleep 3600");
      assertThat(SwarmPagesTest.next(rows, "rows", 30, ">" + SERVICE + "</a>").data()).contains("replicated");

      // scale from the service page: the rollout's progress streamed, converged
      HttpResponse<String> r = admin.post("/services/" + SERVICE + "/scale", Map.of("replicas", "2"));
      Matcher m = Pattern.compile("sse-connect=\"/jobs/([0-9a-f-]+)/events\"").matcher(r.body());
      assertThat(m.find()).as(r.body()).isTrue();
      BlockingQueue<Message> job = live.open(admin, "/jobs/" + m.group(1) + "/events");
      assertThat(SwarmPagesTest.next(job, "progress", 60, "2/2: ").data()).contains("overall progress:");
      assertThat(SwarmPagesTest.next(job, "done", 120).data()).contains("flash ok").contains("verify: Service converged");
      String page = admin.get("/services/" + SERVICE).body();
      assertThat(page).contains("sse-swap=\"replicas\" hx-swap=\"innerHTML\">2/2<").contains(SERVICE + ".1").contains(SERVICE + ".2");

      // service logs: docker's lines, each with docker's prefix
      String docker = fleet.dockerOk(fleet.manager(), "service", "logs", SERVICE);
      assertThat(docker).contains("hello from");
      assertThat(text("service logs " + SERVICE).strip().lines().sorted().toList())
          .isEqualTo(docker.lines().sorted().toList());

      // remove from the page, confirmed; the row goes live
      HttpResponse<String> rm = admin.post("/services/" + SERVICE + "/rm", Map.of());
      Matcher token = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(rm.body());
      assertThat(token.find()).as(rm.body()).isTrue();
      assertThat(admin.post("/confirm", Map.of("token", token.group(1), "target", "#flash")).statusCode()).isEqualTo(200);
      long deadline = System.nanoTime() + 30_000_000_000L;
      String last = "";
      while (System.nanoTime() < deadline && last.contains(">" + SERVICE + "</a>") || last.isEmpty()) {
        last = SwarmPagesTest.next(rows, "rows", 30).data();
      }
      assertThat(last).doesNotContain(">" + SERVICE + "</a>");
    } finally {
      for (AutoCloseable c : live.closers) c.close();
    }
  }

  static String text(String command) {
    Outcome o = fx.commands().submit(ADMIN, command, ProgressListener.IGNORE);
    assertThat(o).as(command).isInstanceOf(Outcome.Succeeded.class);
    return new PlainTextRenderer().render(o);
  }
}
