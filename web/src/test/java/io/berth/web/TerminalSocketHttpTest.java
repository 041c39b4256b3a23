package io.berth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.config.WebSettings;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.web.testing.ConsoleFixture;
import io.berth.web.testing.EchoTerminals;
import io.berth.web.testing.TerminalClient;
import io.berth.web.testing.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The terminal WebSocket's gate and lifecycle: who may upgrade, framing, confirmation, cap, idle timeout. */
class TerminalSocketHttpTest {
  private static final String WS = "/containers/aaa111/terminal/ws";
  private final EchoTerminals terminals = new EchoTerminals();
  private ConsoleFixture fx;

  @BeforeEach
  void start() {
    start(Duration.ofMinutes(5));
  }

  private void start(Duration idleTimeout) {
    ConsoleSettings settings = ConsoleSettings.DEFAULTS.withTerminal(new WebSettings.Terminal(idleTimeout, 2));
    fx = new ConsoleFixture(new RecordingContainerEngine().with("aaa111", "web", "running", Map.of()), settings,
        Clock.systemUTC(), terminals);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private String signedIn(String login, String password) {
    WebClient c = new WebClient(fx.base());
    c.login(login, password);
    return c.cookie();
  }

  private TerminalClient admin() throws TerminalClient.Refused {
    return TerminalClient.connect(fx.base(), WS, signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD), fx.base());
  }

  private static void open(TerminalClient c) {
    c.send("{\"type\":\"open\",\"shell\":\"sh\",\"user\":\"\",\"cols\":100,\"rows\":30}");
  }

  @Test
  void anUpgradeWithoutASessionIsRefusedBeforeASocketExists() {
    assertThatThrownBy(() -> TerminalClient.connect(fx.base(), WS, null, fx.base()))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(401));
    assertThatThrownBy(() -> TerminalClient.connect(fx.base(), WS, "berth_session=forged", fx.base()))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(401));
    assertThat(terminals.opened).isEmpty();
  }

  @Test
  void anUpgradeFromAnotherOriginOrWithoutOneIsRefused() {
    String cookie = signedIn(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    assertThatThrownBy(() -> TerminalClient.connect(fx.base(), WS, cookie, "http://evil.example"))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));
    assertThatThrownBy(() -> TerminalClient.connect(fx.base(), WS, cookie, "null"))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));
    assertThatThrownBy(() -> TerminalClient.connect(fx.base(), WS, cookie, null))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));
    assertThat(terminals.opened).isEmpty();
  }

  @Test
  void aViewerGetsNoTerminalTabAndNoSocket() throws Exception {
    WebClient viewer = new WebClient(fx.base());
    viewer.login(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD);
    assertThat(viewer.get("/containers/aaa111").body()).doesNotContain("terminal-panel").doesNotContain("xterm");
    assertThatThrownBy(() -> TerminalClient.connect(fx.base(), WS, viewer.cookie(), fx.base()))
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));

    WebClient admin = new WebClient(fx.base());
    admin.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    assertThat(admin.get("/containers/aaa111").body()).contains("id=\"terminal-panel\"").contains("/webjars/xterm/");
  }

  @Test
  void keystrokesGoInAsBinaryOutputComesBackAndResizesReachTheSession() throws Exception {
    TerminalClient c = admin();
    open(c);
    assertThat(c.next()).contains("\"type\":\"opened\"").contains("\"session\":\"s1\"");
    c.type("echo hi\r");
    c.awaitOutput("echo hi\r");
    c.send("{\"type\":\"resize\",\"cols\":120,\"rows\":40}");
    c.send("{\"type\":\"resize\",\"cols\":0,\"rows\":40}"); // out of range: ignored
    EchoTerminals.Opened o = terminals.opened.get(0);
    assertThat(o.request().command()).containsExactly("sh");
    assertThat(o.request().cols()).isEqualTo(100);
    assertThat(o.request().rows()).isEqualTo(30);
    assertThat(o.request().container()).isEqualTo("aaa111");
    assertThat(o.caller().platformUserId()).isEqualTo(ConsoleFixture.ADMIN);
    waitFor(() -> o.session().resizes.contains("120x40"));
    assertThat(o.session().resizes).containsExactly("120x40");
    c.type("exit\r");
    assertThat(c.next()).isEqualTo("{\"type\":\"exit\",\"code\":3}");
    assertThat(c.awaitClose()).isEqualTo(1000);
  }

  @Test
  void closingTheSocketClosesTheSession() throws Exception {
    TerminalClient c = admin();
    open(c);
    c.next();
    c.close();
    EchoTerminals.Echo s = terminals.opened.get(0).session();
    waitFor(() -> s.closed);
    waitFor(() -> fx.console().openTerminals() == 0);
  }

  @Test
  void aShellOutsideTheListIsRefusedWithoutAskingTheCore() throws Exception {
    TerminalClient c = admin();
    c.send("{\"type\":\"open\",\"shell\":\"/bin/sh -c id\",\"cols\":80,\"rows\":24}");
    assertThat(c.next()).contains("\"type\":\"refused\"").contains("Unknown shell");
    assertThat(c.awaitClose()).isEqualTo(1008);
    assertThat(terminals.opened).isEmpty();
  }

  @Test
  void aConfirmationIsAskedOnTheSocketAndItsTokenOpensTheTerminal() throws Exception {
    terminals.confirmFirst = true;
    TerminalClient c = admin();
    open(c);
    assertThat(c.next()).contains("\"type\":\"confirm\"").contains(EchoTerminals.TOKEN).contains("Open a shell in aaa111?");
    assertThat(terminals.opened).isEmpty();
    c.send("{\"type\":\"open\",\"shell\":\"sh\",\"cols\":80,\"rows\":24,\"confirm\":\"" + EchoTerminals.TOKEN + "\"}");
    assertThat(c.next()).contains("\"type\":\"opened\"");
    assertThat(terminals.opened).hasSize(1);
  }

  @Test
  void oneLoginHoldsAtMostTheConfiguredNumberOfTerminals() throws Exception {
    TerminalClient a = admin();
    TerminalClient b = admin();
    assertThatThrownBy(this::admin)
        .isInstanceOfSatisfying(TerminalClient.Refused.class, r -> assertThat(r.status).isEqualTo(429));
    a.close();
    waitFor(() -> fx.console().openTerminals() == 1);
    TerminalClient again = admin();
    open(again);
    assertThat(again.next()).contains("opened");
    b.close();
  }

  @Test
  void anIdleTerminalIsClosedAndItsSessionEnded() throws Exception {
    fx.close();
    start(Duration.ofMillis(800));
    TerminalClient c = admin();
    open(c);
    c.next();
    assertThat(c.awaitClose()).isEqualTo(4408);
    assertThat(c.closeReason).contains("without input or output");
    assertThat(terminals.opened.get(0).session().closed).isTrue();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("condition not met within 10 s");
      Thread.sleep(20);
    }
  }
}
