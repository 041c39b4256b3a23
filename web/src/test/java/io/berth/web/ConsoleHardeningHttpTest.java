package io.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.config.WebSettings;
import io.berth.core.testing.LogCapture;
import io.berth.core.testing.TestClock;
import io.berth.web.testing.ConsoleFixture;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.web.testing.WebClient;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's answers to an attacker's probes: forged log lines, HEAD/OPTIONS, cross-origin sign-in. */
class ConsoleHardeningHttpTest {
  private ConsoleFixture fx;

  private final TestClock clock = TestClock.at("2026-11-30T10:00:00Z");

  @BeforeEach
  void start() {
    ConsoleSettings settings = ConsoleSettings.DEFAULTS
        .withLoginThrottle(new WebSettings.LoginThrottle(5, 8, Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofHours(1)))
        .withMaxStreamsPerUser(2);
    fx = new ConsoleFixture(new RecordingContainerEngine().with("aaa111", "web", "running", Map.of()), settings, clock);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void aLoginNameWithALineBreakIsLoggedAsOneEscapedLine() {
    try (LogCapture log = LogCapture.of("io.berth.web")) {
      new WebClient(fx.base()).login("admin\n2026-11-30 INFO fake line", "wrong");
      assertThat(log.rendered()).filteredOn(l -> l.contains("login failed")).singleElement().satisfies(line -> {
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(line).contains("\"admin\\n2026-11-30 INFO fake line\"");
      });
    }
  }

  @Test
  void headAndOptionsOnProtectedRoutesNeedASessionLikeGet() throws Exception {
    WebClient anonymous = new WebClient(fx.base());
    for (String path : new String[] {"/", "/containers", "/audit", "/audit/export", "/containers/aaa111", "/images"}) {
      int head = send(anonymous, path, "HEAD");
      assertThat(head).as("HEAD " + path).isIn(303, 401);
      assertThat(send(anonymous, path, "OPTIONS")).as("OPTIONS " + path).isIn(303, 401, 404, 405);
    }
    WebClient signedIn = new WebClient(fx.base());
    assertThat(signedIn.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    for (String path : new String[] {"/containers", "/audit", "/audit/export"}) {
      assertThat(send(signedIn, path, "HEAD")).as("signed-in HEAD " + path).isEqualTo(200);
    }
  }

  @Test
  void signInFromAnotherOriginIsRefused() throws Exception {
    WebClient c = new WebClient(fx.base());
    HttpResponse<String> r = loginWith(c, "Origin", "http://evil.example");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(loginWith(c, "Origin", "null").statusCode()).isEqualTo(403);
    assertThat(loginWith(c, "Referer", "http://evil.example/phish").statusCode()).isEqualTo(403);
  }

  @Test
  void signInFromTheConsolesOwnPageWorks() throws Exception {
    WebClient c = new WebClient(fx.base());
    assertThat(loginWith(c, "Origin", fx.base()).statusCode()).isEqualTo(303);
    assertThat(loginWith(c, "Referer", fx.base() + "/login").statusCode()).isEqualTo(303);
  }

  private HttpResponse<String> loginWith(WebClient c, String header, String value) throws Exception {
    String body = "login=" + URLEncoder.encode(ConsoleFixture.ADMIN, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(ConsoleFixture.ADMIN_PASSWORD, StandardCharsets.UTF_8);
    HttpRequest req = c.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
        .header(header, value).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return c.http().send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static int send(WebClient c, String path, String method) throws Exception {
    HttpRequest req = c.request(path).method(method, HttpRequest.BodyPublishers.noBody()).build();
    return c.http().send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
  @Test
  void failuresAgainstOneLoginDoNotKeepAnotherLoginFromTheSameAddressOut() {
    WebClient c = new WebClient(fx.base());
    for (int i = 0; i < 5; i++) assertThat(c.login(ConsoleFixture.ADMIN, "guess" + i).statusCode()).isEqualTo(401);
    HttpResponse<String> waiting = c.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    assertThat(waiting.statusCode()).isEqualTo(429);
    assertThat(waiting.body()).contains("Too many failed attempts. Try again in 30 seconds.");
    assertThat(waiting.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(new WebClient(fx.base()).login(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD).statusCode())
        .isEqualTo(303);
  }

  @Test
  void afterTheWaitTheRightPasswordWorksAndEachFurtherFailureDoublesTheWait() {
    WebClient c = new WebClient(fx.base());
    for (int i = 0; i < 5; i++) c.login(ConsoleFixture.ADMIN, "guess" + i);
    clock.advance(Duration.ofSeconds(30));
    assertThat(c.login(ConsoleFixture.ADMIN, "guess5").statusCode()).isEqualTo(401); // the 6th: now 60 s
    clock.advance(Duration.ofSeconds(31));
    assertThat(c.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).statusCode()).isEqualTo(429);
    clock.advance(Duration.ofSeconds(29));
    assertThat(c.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    // success starts the login's count over: a typo afterwards is not punished
    assertThat(new WebClient(fx.base()).login(ConsoleFixture.ADMIN, "typo").statusCode()).isEqualTo(401);
    assertThat(new WebClient(fx.base()).login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).statusCode())
        .isEqualTo(303);
  }

  @Test
  void anAddressTryingManyLoginsWaitsForEveryLoginOnceItCrossesItsOwnThreshold() {
    WebClient c = new WebClient(fx.base());
    for (int i = 0; i < 8; i++) assertThat(c.login("spray" + i, "guess").statusCode()).isEqualTo(401);
    assertThat(c.login(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD).statusCode()).isEqualTo(429);
    clock.advance(Duration.ofSeconds(30));
    assertThat(c.login(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD).statusCode()).isEqualTo(303);
  }

  @Test
  void aLoginHoldsAtMostTheConfiguredLiveStreamsAndGetsItsSlotBackWhenOneCloses() throws Exception {
    WebClient admin = new WebClient(fx.base());
    admin.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    List<HttpResponse<Stream<String>>> open = new ArrayList<>();
    try {
      open.add(stream(admin, "/containers/events"));
      open.add(stream(admin, "/containers/aaa111/logs/follow"));
      open.forEach(r -> assertThat(r.statusCode()).isEqualTo(200));

      HttpResponse<Stream<String>> third = stream(admin, "/containers/events");
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.body().toList()).singleElement().asString().contains("Too many live views open for your login");
      // the page asks why (EventSource cannot read the 429's body): the same sentence, no stream opened
      HttpResponse<String> why = admin.get("/containers/events");
      assertThat(why.statusCode()).isEqualTo(429);
      assertThat(why.body()).contains("at most 2");

      WebClient viewer = new WebClient(fx.base());
      viewer.login(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD);
      HttpResponse<Stream<String>> other = stream(viewer, "/containers/events");
      open.add(other);
      assertThat(other.statusCode()).isEqualTo(200);

      open.remove(0).body().close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      HttpResponse<Stream<String>> again = stream(admin, "/containers/events");
      while (again.statusCode() == 429 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        again = stream(admin, "/containers/events");
      }
      open.add(again);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(admin.get("/containers/events").statusCode()).isEqualTo(429);
    } finally {
      open.forEach(r -> r.body().close());
    }
  }

  private static HttpResponse<Stream<String>> stream(WebClient c, String path) throws Exception {
    return c.http().send(c.request(path).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofLines());
  }
  @Test
  void oversizedAndMalformedRequestsAreAnsweredWithoutClassNamesOrStackTraces() throws Exception {
    try (LogCapture log = LogCapture.of(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
      WebClient c = new WebClient(fx.base());
      HttpResponse<String> big = c.post("/login", Map.of("login", "admin", "password", "x".repeat(2_000_000)), false);
      assertThat(big.statusCode()).isEqualTo(413);
      assertThat(big.body()).isEqualTo("Content Too Large");
      for (String raw : new String[] {"GET /containers/%zz HTTP/1.1", "GET /%00 HTTP/1.1", "GET /login?%%% HTTP/1.1"}) {
        String answer = rawRequest(raw);
        assertThat(answer).as(raw).startsWith("HTTP/1.1 ").doesNotStartWith("HTTP/1.1 5");
        assertThat(answer).as(raw).doesNotContainIgnoringCase("exception").doesNotContain("org.eclipse")
            .doesNotContain("io.javalin").doesNotContain("io.berth").doesNotContain("\tat ");
      }
      assertThat(log.events()).as("no stack traces in the log")
          .noneMatch(e -> e.getThrowableProxy() != null && e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO));
    }
  }

  private String rawRequest(String requestLine) throws Exception {
    java.net.URI base = java.net.URI.create(fx.base());
    try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write((requestLine + "\r\nHost: " + base.getAuthority() + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
