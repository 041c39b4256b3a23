package io.berth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.config.WebSettings;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.web.testing.ConsoleFixture;
import io.berth.web.testing.TerminalClient;
import io.berth.web.testing.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The terminal WebSocket on the real core (policy, confirmation, audit, recordings) over the
 * engine fake's echoing TTY: who may upgrade, framing, confirmation, cap, idle timeout, replay.
 */
class TerminalSocketHttpTest {
  private static final String WS = "/containers/aaa111/terminal/ws";
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
  private RecordingContainerEngine engine;
  private ConsoleFixture fx;

  @BeforeEach
  void start() {
    start(Duration.ofMinutes(5));
  }

  private void start(Duration idleTimeout) {
    engine = new RecordingContainerEngine().with("aaa111", "web", "running", Map.of());
    ConsoleSettings settings = ConsoleSettings.DEFAULTS.withTerminal(new WebSettings.Terminal(idleTimeout, 2));
    fx = new ConsoleFixture(engine, settings, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private WebClient signedIn(String login, String password) {
    WebClient c = new WebClient(fx.base());
    c.login(login, password);
    return c;
  }

  private TerminalClient admin(WebClient c) throws TerminalClient.Refused {
    return TerminalClient.connect(fx.base(), WS, c.cookie(), fx.base());
  }

  private TerminalClient admin() throws TerminalClient.Refused {
    return admin(signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD));
  }

  /** Opens a shell, confirming as exec needs by default; returns the session id. */
  private static String open(TerminalClient c) throws InterruptedException {
    c.send("{\"type\":\"open\",\"shell\":\"sh\",\"user\":\"\",\"cols\":100,\"rows\":30}");
    String confirm = c.next();
    assertThat(confirm).contains("\"type\":\"confirm\"").contains("will run \\\"sh\\\" inside container web");
    Matcher m = TOKEN.matcher(confirm);
    assertThat(m.find()).isTrue();
    c.send("{\"type\":\"open\",\"shell\":\"sh\",\"cols\":100,\"rows\":30,\"confirm\":\"" + m.group(1) + "\"}");
    String opened = c.next();
    assertThat(opened).contains("\"type\":\"opened\"");
    return opened.replaceAll(".*\"session\":\"([^\"]+)\".*", "$1");
  }

  private long terminals() {
    return engine.calls().stream().filter(s -> s.startsWith("terminal ")).count();
  }

  @Test
  void anUpgradeWithoutASessionIsRefusedBeforeASocketExists() {
    assertThatThrownBy(() -> TerminalClient.connect(fx.base(), WS, null, fx.base()))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(401));
    assertThatThrownBy(() -> TerminalClient.connect(fx.base(), WS, "berth_session=forged", fx.base()))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(401));
    assertThat(terminals()).isZero();
  }

  @Test
  void anUpgradeFromAnotherOriginOrWithoutOneIsRefused() {
    String cookie = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).cookie();
    assertThatThrownBy(() -> TerminalClient.connect(fx.base(), WS, cookie, "http://evil.example"))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));
    assertThatThrownBy(() -> TerminalClient.connect(fx.base(), WS, cookie, "null"))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));
    assertThatThrownBy(() -> TerminalClient.connect(fx.base(), WS, cookie, null))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));
    assertThat(terminals()).isZero();
  }

  @Test
  void aViewerGetsNoTerminalTabAndNoSocket() {
    WebClient viewer = signedIn(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD);
    assertThat(viewer.get("/containers/aaa111").body()).doesNotContain("terminal-panel").doesNotContain("xterm");
    assertThatThrownBy(() -> TerminalClient.connect(fx.base(), WS, viewer.cookie(), fx.base()))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));

    WebClient admin = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    assertThat(admin.get("/containers/aaa111").body()).contains("id=\"terminal-panel\"").contains("/webjars/xterm/");
  }

  @Test
  void keystrokesGoInAsBinaryOutputComesBackResizesReachTheTtyAndTheSessionReplays() throws Exception {
    WebClient web = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    TerminalClient c = admin(web);
    String session = open(c);
    assertThat(engine.calls()).contains("terminal aaa111 sh 100x30");
    c.type("echo hi\r");
    c.awaitOutput("echo hi\r");
    c.send("{\"type\":\"resize\",\"cols\":120,\"rows\":40}");
    c.send("{\"type\":\"resize\",\"cols\":0,\"rows\":40}"); // out of range: ignored
    waitFor(() -> engine.calls().contains("resize aaa111 120x40"));
    c.type("exit 3\r");
    assertThat(c.next()).isEqualTo("{\"type\":\"exit\",\"code\":3}");
    assertThat(c.awaitClose()).isEqualTo(1000);
    assertThat(engine.calls()).filteredOn(s -> s.startsWith("resize ")).containsExactly("resize aaa111 120x40");

    // the audit row links the replay; the recording is the asciicast the core wrote
    waitFor(() -> web.get("/audit").body().contains("id=\"replay-" + session + "\""));
    assertThat(web.get("/audit/sessions/" + session).body()).contains("data-cast=\"/audit/sessions/" + session + "/cast\"")
        .doesNotContain("replay-problem");
    var cast = web.get("/audit/sessions/" + session + "/cast");
    assertThat(cast.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-asciicast"));
    assertThat(cast.body().lines().findFirst()).hasValueSatisfying(h -> assertThat(h).contains("\"version\": 2"));
    assertThat(cast.body()).contains("\"o\", \"echo hi\\r\"");
    assertThat(web.get("/audit/sessions/nosuch").statusCode()).isEqualTo(404);
    assertThat(web.get("/audit/sessions/..%2Faudit.db/cast").statusCode()).isEqualTo(404);

    // an edited recording is still shown, marked as changed
    try (var files = Files.list(fx.recordings().dir())) {
      Path f = files.filter(p -> p.getFileName().toString().startsWith(session)).findFirst().orElseThrow();
      Files.writeString(f, Files.readString(f).replace("echo hi", "echo ho"));
    }
    assertThat(web.get("/audit/sessions/" + session).body()).contains("id=\"replay-problem\"").contains("was changed");
    // replay follows the audit's visibility: a user scoped to pay-* does not see a session on "web"
    WebClient scoped = signedIn(ConsoleFixture.SCOPED, ConsoleFixture.SCOPED_PASSWORD);
    assertThat(scoped.get("/audit/sessions/" + session + "/cast").statusCode()).isEqualTo(404);
    assertThat(scoped.get("/audit/sessions/" + session).statusCode()).isEqualTo(404);
  }

  @Test
  void closingTheSocketEndsTheSession() throws Exception {
    TerminalClient c = admin();
    open(c);
    c.close();
    waitFor(() -> fx.console().openTerminals() == 0);
    waitFor(() -> auditSays("exit code 129"));
  }

  private boolean auditSays(String text) {
    return signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD).get("/audit").body().contains(text);
  }

  @Test
  void aShellOutsideTheListIsRefusedWithoutAskingTheCore() throws Exception {
    TerminalClient c = admin();
    c.send("{\"type\":\"open\",\"shell\":\"/bin/sh -c id\",\"cols\":80,\"rows\":24}");
    assertThat(c.next()).contains("\"type\":\"refused\"").contains("Unknown shell");
    assertThat(c.awaitClose()).isEqualTo(1008);
    assertThat(terminals()).isZero();
  }

  @Test
  void aScopedUserCannotOpenATerminalOutsideTheirScope() throws Exception {
    TerminalClient c = TerminalClient.connect(fx.base(), WS,
        signedIn(ConsoleFixture.SCOPED, ConsoleFixture.SCOPED_PASSWORD).cookie(), fx.base());
    c.send("{\"type\":\"open\",\"shell\":\"sh\",\"cols\":80,\"rows\":24}");
    assertThat(c.next()).contains("\"type\":\"refused\"").contains("No such container");
    assertThat(c.awaitClose()).isEqualTo(1008);
    assertThat(terminals()).isZero();
  }

  @Test
  void oneLoginHoldsAtMostTheConfiguredNumberOfTerminals() throws Exception {
    WebClient web = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    TerminalClient a = admin(web);
    TerminalClient b = admin(web);
    assertThatThrownBy(() -> admin(web))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(429));
    a.close();
    waitFor(() -> fx.console().openTerminals() == 1);
    TerminalClient again = admin(web);
    open(again);
    b.close();
  }

  @Test
  void anIdleTerminalIsClosedAndItsSessionEnded() throws Exception {
    fx.close();
    start(Duration.ofMillis(800));
    TerminalClient c = admin();
    open(c);
    assertThat(c.awaitClose()).isEqualTo(4408);
    assertThat(c.closeReason).contains("without input or output");
    assertThat(fx.console().openTerminals()).isZero();
    waitFor(() -> auditSays("exit code 129"));
  }

  @Test
  void aBrowserThatStopsReadingEndsItsSessionInsteadOfPilingUpOutput() throws Exception {
    fx.close();
    start(Duration.ofMillis(1500));
    TerminalClient c = admin();
    open(c);
    c.stopReading();
    // keeps typing for longer than the idle timeout; the echo makes as much output, which the browser never takes
    byte[] chunk = "x".repeat(16 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Thread typist = new Thread(() -> {
      for (int i = 0; i < 600 && fx.console().openTerminals() > 0; i++) {
        try {
          c.typeAsync(chunk);
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "typist");
    typist.setDaemon(true);
    typist.start();
    // output waits for the browser, so input stops being taken, the session falls idle and is ended (with a send
    // queue that never fills, the typing would keep it active past the 10 s this waits and the queue would grow)
    waitFor(() -> fx.console().openTerminals() == 0);
    waitFor(() -> auditSays("exit code 129"));
    typist.interrupt();
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("condition not met within 10 s");
      Thread.sleep(50);
    }
  }
}
