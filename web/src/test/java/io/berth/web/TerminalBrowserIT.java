package io.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.testing.TestEngine;
import io.berth.web.testing.Browser;
import io.berth.web.testing.ConsoleFixture;
import io.berth.web.testing.DockerCli;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WindowType;

/**
 * The Terminal tab in headless Chromium against a real Berth and a real engine: a busybox container
 * (own name, labelled berth.test=true, removed afterwards), its shell driven through xterm.js over
 * the terminal WebSocket, and the session's recording replayed.
 */
class TerminalBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static TestEngine docker;
  private static ConsoleFixture fx;
  private static Browser b;

  @BeforeAll
  static void startAll() {
    docker = new TestEngine("web-term");
    fx = new ConsoleFixture(docker.engine());
    b = new Browser(fx.base());
  }

  @AfterAll
  static void stopAll() {
    if (b != null) b.close();
    if (fx != null) fx.close();
    if (docker != null) docker.close();
  }

  private static String runningContainer(String suffix) {
    String name = docker.name(suffix);
    return DockerCli.run("run", "-d", "--name", name, "--label", "berth.test=true", TestEngine.BUSYBOX, "sleep", "600");
  }

  /** Opens the Terminal tab of the container page and connects, confirming as exec needs by default. */
  private static void connect(String id) {
    b.open("/containers/" + id);
    b.find("#tab-terminal").click();
    b.waitUpTo(WAIT).until(d -> d.findElement(By.cssSelector("#term .xterm-screen")).isDisplayed());
    b.find("#term-connect").click();
    b.waitUpTo(WAIT).until(d -> d.findElement(By.id("term-confirm")).isDisplayed());
    assertThat(b.find("#term-confirm-text").getText()).contains("will run \"sh\" inside container");
    b.find("#term-confirm-yes").click();
    b.waitUpTo(WAIT).until(d -> d.findElement(By.id("term-state")).getText().startsWith("Connected"));
    b.waitUpTo(WAIT).until(d -> screen().contains("#") || screen().contains("$"));
  }

  private static void type(String keys) {
    b.find("#term .xterm-helper-textarea").sendKeys(keys);
  }

  /** What the emulator shows (its buffer, scrollback included), line by line. */
  private static String screen() {
    return (String) b.driver().executeScript("var t = window.berthTerminal, b = t.buffer.active, out = [];"
        + "for (var i = 0; i < b.length; i++) { var l = b.getLine(i); if (l) out.push(l.translateToString(true)); }"
        + "return out.join('\\n');");
  }

  private static long terminalSize(String which) {
    return (Long) b.driver().executeScript("return window.berthTerminal." + which + ";");
  }

  @Test
  void aCommandTypedInTheTerminalRunsInTheContainerAndItsSessionReplays() {
    b.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    String id = runningContainer("term");
    connect(id);
    int n = ThreadLocalRandom.current().nextInt(10_000, 90_000);
    type("echo hi-$((" + n + "+1))\n"); // the shell's arithmetic: the answer is not an echo of what was typed
    b.waitUpTo(WAIT).until(d -> screen().contains("hi-" + (n + 1)));
    String session = b.find("#terminal-panel").getAttribute("data-session");
    assertThat(session).isNotBlank();
    b.screenshot("terminal");

    type("exit\n");
    b.waitUpTo(WAIT).until(d -> d.findElement(By.id("term-state")).getText().contains("exited with code 0"));

    b.open("/audit");
    b.waitUpTo(WAIT).until(d -> !d.findElements(By.id("replay-" + session)).isEmpty());
    b.find("#replay-" + session).click();
    b.waitUpTo(WAIT).until(d -> "true".equals(d.findElement(By.id("replay")).getAttribute("data-loaded")));
    assertThat(screen()).doesNotContain("hi-" + (n + 1));
    new org.openqa.selenium.support.ui.Select(b.find("#replay-speed")).selectByValue("16");
    b.find("#replay-play").click();
    b.waitUpTo(WAIT).until(d -> "ended".equals(d.findElement(By.id("replay")).getAttribute("data-state")));
    assertThat(screen()).contains("hi-" + (n + 1));
    assertThat(b.driver().findElements(By.id("replay-problem"))).isEmpty();

    // seeking back to the start clears the screen; to the end draws it all again
    b.driver().executeScript("var s = document.getElementById('replay-seek'); s.value = '0';"
        + "s.dispatchEvent(new Event('input'));");
    assertThat(screen()).doesNotContain("hi-" + (n + 1));
    b.driver().executeScript("var s = document.getElementById('replay-seek'); s.value = s.max;"
        + "s.dispatchEvent(new Event('input'));");
    b.waitUpTo(WAIT).until(d -> screen().contains("hi-" + (n + 1)));
  }

  @Test
  void resizingTheWindowResizesTheTerminalInTheContainer() {
    b.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    b.driver().manage().window().setSize(new Dimension(1400, 1000));
    String id = runningContainer("resize");
    connect(id);
    long cols = terminalSize("cols");
    long rows = terminalSize("rows");
    type("stty size\n");
    b.waitUpTo(WAIT).until(d -> screen().contains(rows + " " + cols));

    b.driver().manage().window().setSize(new Dimension(900, 750));
    b.waitUpTo(WAIT).withMessage(() -> "from " + cols + "x" + rows + ": " + b.driver().executeScript(
        "var t = window.berthTerminal, h = document.getElementById('term'); return t.cols + 'x' + t.rows"
            + " + ' window ' + innerWidth + 'x' + innerHeight + ' host ' + h.clientWidth + 'x' + h.clientHeight;"))
        .until(d -> terminalSize("cols") < cols && terminalSize("rows") < rows);
    long newCols = terminalSize("cols");
    long newRows = terminalSize("rows");
    type("clear; stty size\n");
    b.waitUpTo(WAIT).withMessage(() -> "expected " + newRows + " " + newCols + " on screen:\n" + screen())
        .until(d -> screen().contains(newRows + " " + newCols));
    String session = b.find("#terminal-panel").getAttribute("data-session");
    type("exit\n");
    b.waitUpTo(WAIT).until(d -> d.findElement(By.id("term-state")).getText().contains("exited with code 0"));

    // the replay starts at the first size and follows the recorded resize
    b.open("/audit/sessions/" + session);
    b.waitUpTo(WAIT).until(d -> "true".equals(d.findElement(By.id("replay")).getAttribute("data-loaded")));
    assertThat(terminalSize("cols")).isEqualTo(cols);
    b.driver().executeScript("var s = document.getElementById('replay-seek'); s.value = s.max;"
        + "s.dispatchEvent(new Event('input'));");
    assertThat(terminalSize("cols")).isEqualTo(newCols);
    assertThat(terminalSize("rows")).isEqualTo(newRows);
    assertThat(screen()).contains(newRows + " " + newCols);
    b.driver().manage().window().setSize(new Dimension(1400, 1000));
  }

  @Test
  void closingTheTabEndsTheExecInTheContainer() {
    b.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    String id = runningContainer("close");
    String main = b.driver().getWindowHandle();
    b.driver().switchTo().newWindow(WindowType.TAB);
    connect(id);
    String marker = "sleep " + ThreadLocalRandom.current().nextInt(100_000, 900_000);
    type(marker + "\n");
    b.waitUpTo(WAIT).until(d -> DockerCli.run("top", id).contains(marker));

    b.driver().close();
    b.driver().switchTo().window(main);
    b.waitUpTo(WAIT).withMessage(() -> "open terminals: " + fx.console().openTerminals() + "; top:\n"
        + DockerCli.run("top", id)).until(d -> !DockerCli.run("top", id).contains(marker));
    // the shell is gone too (and the core's clean-up exec once it finished): only the container's own process
    b.waitUpTo(WAIT).withMessage(() -> DockerCli.run("top", id))
        .until(d -> DockerCli.run("top", id).lines().skip(1).toList().size() == 1);
    assertThat(DockerCli.run("top", id).lines().skip(1)).singleElement().asString().endsWith("sleep 600");
    b.waitUpTo(WAIT).until(d -> fx.console().openTerminals() == 0);
  }

  @Test
  void aViewerSeesNoTerminalTab() {
    String id = runningContainer("viewer");
    b.login(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD);
    b.open("/containers/" + id);
    b.waitUpTo(WAIT).until(d -> d.findElement(By.id("c-name")).isDisplayed());
    assertThat(b.driver().findElements(By.id("tab-terminal"))).isEmpty();
    assertThat(b.driver().findElements(By.id("terminal-panel"))).isEmpty();
    Object refused = b.driver().executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "var ws = new WebSocket('ws://' + location.host + '/containers/" + id + "/terminal/ws');"
        + "ws.onopen = function () { done('opened'); }; ws.onerror = function () { done('refused'); };");
    assertThat(refused).isEqualTo("refused");
  }
}
