package io.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.replica.InMemorySharedStore;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.web.testing.ConsoleFixture;
import io.berth.web.testing.WebClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two console replicas behind one address (Swarm's routing mesh sends each request to either),
 * sharing one store as replicas share the audit's PostgreSQL: a browser signed in on one is signed in
 * on the other, its CSRF token holds there, and signing out on one ends the session on both. (The
 * PostgreSQL store itself is held to the same contract in core's {@code PostgresSharedStoreIT}.)
 */
class ConsoleReplicasTest {
  private final InMemorySharedStore shared = new InMemorySharedStore(1000, Clock.systemUTC());
  private ConsoleFixture a;
  private ConsoleFixture b;

  @BeforeEach
  void twoReplicas() {
    var engine = new RecordingContainerEngine().with("aaa111", "web", "running", Map.of());
    a = new ConsoleFixture(engine, ConsoleSettings.DEFAULTS, Clock.systemUTC(), shared);
    b = new ConsoleFixture(engine, ConsoleSettings.DEFAULTS, Clock.systemUTC(), shared);
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
  }

  @Test
  void aSessionOpenedOnOneReplicaIsSignedInOnTheOther() {
    WebClient onA = new WebClient(a.base());
    assertThat(onA.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    WebClient onB = onA.on(b.base());

    HttpResponse<String> page = onB.get("/containers");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(">web<");
    // a state-changing request with the CSRF token the other replica's page carried
    HttpResponse<String> ran = onB.post("/command", Map.of("text", "ps"));
    assertThat(ran.statusCode()).isEqualTo(200);
    assertThat(ran.body()).contains("web");
  }

  @Test
  void signingOutOnOneReplicaEndsTheSessionOnBoth() {
    WebClient onA = new WebClient(a.base());
    onA.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    WebClient onB = onA.on(b.base());
    assertThat(onB.get("/containers").statusCode()).isEqualTo(200);

    onB.post("/logout", Map.of());

    assertThat(onA.get("/containers").statusCode()).isEqualTo(303);
    assertThat(onB.get("/containers").statusCode()).isEqualTo(303);
  }

  @Test
  void aForgedCookieIsNotASessionOnAnyReplica() {
    WebClient onA = new WebClient(a.base());
    onA.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    assertThat(onA.on(b.base()).get("/containers").statusCode()).isEqualTo(200);
    HttpResponse<String> r = send(new WebClient(b.base()), "berth_session=" + "A".repeat(43));
    assertThat(r.statusCode()).isEqualTo(303);
  }

  private static HttpResponse<String> send(WebClient c, String cookie) {
    try {
      return c.http().send(c.request("/containers").header("Cookie", cookie).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
