package io.berth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.testing.TestEngine;
import org.junit.jupiter.api.io.TempDir;
import io.berth.web.testing.Browser;
import io.berth.web.testing.ConsoleFixture;
import io.berth.web.testing.DockerCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The console in real headless Chromium against a real Berth (real Docker engine, SQLite audit,
 * configured policy). Containers are busybox, named with a per-run prefix and labelled
 * berth.test=true; they are removed afterwards.
 */
class ConsoleBrowserIT {
  private static final String XSS = "<img src=x onerror=alert(1)>";
  private static TestEngine docker;
  private static ConsoleFixture fx;
  private static Browser b;
  private String testName;

  @BeforeAll
  static void startAll() {
    docker = new TestEngine("web-it");
    fx = new ConsoleFixture(docker.engine());
    b = new Browser(fx.base());
  }

  @AfterAll
  static void stopAll() {
    if (b != null) b.close();
    if (fx != null) fx.close();
    if (docker != null) docker.close();
  }

  @BeforeEach
  void signInAsAdmin(TestInfo info) {
    testName = info.getTestMethod().orElseThrow().getName();
    b.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
  }

  @AfterEach
  void noAlertEverOpened() {
    assertThatThrownBy(() -> b.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
  }

  @Test
  void loginAndLogout() {
    assertThat(b.find("#who").getText()).isEqualTo(ConsoleFixture.ADMIN);
    b.find("#logout").click();
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith("/login"));
    b.open("/containers");
    assertThat(b.driver().getCurrentUrl()).endsWith("/login");
    b.find("#login").sendKeys(ConsoleFixture.ADMIN);
    b.find("#password").sendKeys("not the password");
    b.find("#sign-in").click();
    // the answer comes after a bcrypt check (and, under load, later than the click returns): wait for it
    WebElement error = b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("login-error")));
    assertThat(error.getText()).contains("Wrong login or password");
  }

  @Test
  void containerStartedAndStoppedWithDockerCliChangesStateOnOpenPage() {
    String name = docker.name("live");
    DockerCli.run("create", "--name", name, "--label", "berth.test=true", TestEngine.BUSYBOX, "sleep", "300");
    openContainers(name);
    b.driver().executeScript("window.__sameDocument = 'yes';");
    assertThat(stateOf(name)).isEqualTo("created");

    DockerCli.run("start", name);
    long t0 = System.nanoTime();
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> "running".equals(stateOf(name)));
    long startMs = (System.nanoTime() - t0) / 1_000_000;

    DockerCli.run("stop", "-t", "0", name);
    t0 = System.nanoTime();
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> "exited".equals(stateOf(name)));
    long stopMs = (System.nanoTime() - t0) / 1_000_000;

    assertThat(b.driver().executeScript("return window.__sameDocument;")).isEqualTo("yes"); // no reload
    assertThat(startMs).as("start shown within a second").isLessThan(1000);
    assertThat(stopMs).as("stop shown within a second").isLessThan(1000);

    // a container created outside Berth while the page is open appears too
    String late = docker.name("live-late");
    DockerCli.run("create", "--name", late, "--label", "berth.test=true", TestEngine.BUSYBOX, "sleep", "300");
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> "created".equals(stateOf(late)));
    b.screenshot("containers");
  }

  @Test
  void stopWithConfirmation() {
    String name = docker.name("guarded");
    DockerCli.run("run", "-d", "--name", name, "--label", "berth.test=true", "--label", "berth.protected=true",
        TestEngine.BUSYBOX, "sleep", "300");
    openContainers(name);
    row(name).findElement(By.cssSelector("button[value=stop]")).click();
    WebElement dialog = b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("confirm-dialog")));
    assertThat(dialog.getText()).contains("This will stop container " + name).contains("protected");
    assertThat(DockerCli.run("inspect", "-f", "{{.State.Status}}", name)).isEqualTo("running");

    b.find("#confirm-ok").click();
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("flash")).getText().contains("Stopped " + name));
    assertThat(b.driver().findElements(By.id("confirm-dialog"))).isEmpty();
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> "exited".equals(stateOf(name)));
    assertThat(DockerCli.run("inspect", "-f", "{{.State.Status}}", name)).isEqualTo("exited");
  }

  @Test
  void logsFollowShowsALinePrintedAfterThePageOpenedAndEscapesIt() {
    String name = docker.name("logs");
    String id = DockerCli.run("run", "-d", "--name", name, "--label", "berth.test=true", TestEngine.BUSYBOX,
        "sh", "-c", "echo booted; sleep 300");
    b.open("/containers/" + id);
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("log")).getText().contains("booted"));
    b.find("#log-follow").click();
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> "on".equals(d.findElement(By.id("log-follow")).getAttribute("data-following")));

    String marker = "printed-after-open-" + System.nanoTime();
    DockerCli.run("exec", name, "sh", "-c", "echo " + marker + " > /proc/1/fd/1; echo '" + XSS + "' > /proc/1/fd/1");
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("log")).getText().contains(XSS));
    String text = b.find("#log").getText();
    assertThat(text).contains(marker).contains(XSS);
    assertThat(b.find("#log").findElements(By.tagName("img"))).isEmpty();

    b.find("#log-search").sendKeys(marker);
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> !d.findElement(By.id("log")).getText().contains("booted"));
    assertThat(b.find("#log").getText()).contains(marker);
    b.find("#log-search").clear();
    b.find("#log-search").sendKeys(" ");
    b.find("#log-search").clear();
    b.driver().executeScript("document.getElementById('log-search').dispatchEvent(new Event('input', {bubbles: true}));");
    b.screenshot("container-logs");
  }

  @Test
  void execShowsOutputAndExitCode() {
    String name = docker.name("exec");
    String id = DockerCli.run("run", "-d", "--name", name, "--label", "berth.test=true", TestEngine.BUSYBOX, "sleep", "300");
    b.open("/containers/" + id);
    b.find("#exec-command").sendKeys("sh -c 'echo exec-says-hi; exit 3'");
    b.find("#exec-run").click();
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("confirm-dialog")));
    b.find("#confirm-ok").click();
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("exec-out")).getText().contains("exec-says-hi"));
    assertThat(b.find("#exec-out").getText()).contains("exit code 3");
  }

  @Test
  void pullProgressReachesDone() {
    String image = docker.helloInRegistry("pull"); // this test's own copy: not local, no one else pulls it
    b.open("/images");
    b.find("#pull-image").sendKeys(image);
    b.find("#pull-go").click();
    WebElement bar = b.waitUpTo(Duration.ofSeconds(60)).until(d -> d.findElement(By.cssSelector("#pull-out .pull-bar.done")));
    assertThat(bar.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("100");
    assertThat(bar.getText()).contains("100%").contains("Pulled " + image);
    assertThat(DockerCli.run("images", "-q", image)).isNotBlank();
    b.screenshot("images-pull");
    docker.removeImage(image);
  }

  @Test
  void buildFromAnUploadedDockerfile(@TempDir Path dir) throws Exception {
    String tag = docker.name("built") + ":1";
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(dockerfile, TestEngine.dockerfile(tag, "CMD [\"echo\", \"built by berth\"]"));
    b.open("/images");
    b.find("#build-file").sendKeys(dockerfile.toString());
    b.find("#build-tag").sendKeys(tag);
    b.find("#build-go").click();
    b.waitUpTo(Duration.ofSeconds(90)).until(d -> d.findElement(By.cssSelector("#build-out .build-done")).getText().contains("Built " + tag));
    assertThat(b.find("#build-out .build-log").getText()).containsIgnoringCase("step");
    assertThat(DockerCli.run("images", "-q", tag)).isNotBlank();
    docker.removeImage(tag);
  }

  @Test
  void auditFilterAndCsvExport() throws Exception {
    String name = docker.name("audited");
    // exits on SIGTERM, so the restart does not wait out docker's 10 s stop timeout
    String id = DockerCli.run("run", "-d", "--name", name, "--label", "berth.test=true", TestEngine.BUSYBOX,
        "sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait");
    b.open("/containers?name=" + name);
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
    row(name).findElement(By.cssSelector("button[value=restart]")).click();
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("flash")).getText().contains("Restarted " + name));

    b.open("/audit");
    b.find("#a-action").sendKeys("restart");
    b.find("#a-target").sendKeys(name);
    b.find("#a-go").click();
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("action=restart"));
    List<WebElement> rows = b.driver().findElements(By.cssSelector("#audit-table tbody tr"));
    assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.getText()).contains("restart").contains(name));
    assertThat(b.find("#audit-table").getText()).contains("succeeded").contains("ada");
    b.screenshot("audit");

    String href = b.find("#export-csv").getAttribute("href");
    String cookie = "berth_session=" + b.driver().manage().getCookieNamed("berth_session").getValue();
    HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).isEqualTo(200);
    String[] lines = csv.body().strip().split("\n");
    // one entry per command: header + the restart, its phases folded in
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).contains("restart").contains(name).contains("succeeded");
    HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href + "&raw=1"))
        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    String[] records = raw.body().strip().split("\n");
    assertThat(records.length).isGreaterThanOrEqualTo(3); // raw: header + requested + succeeded
    for (int i = 1; i < records.length; i++) assertThat(records[i]).contains("restart").contains(name);

    // the container's timeline merges Docker's events with who did it
    b.open("/containers/" + id + "/timeline");
    String timeline = b.find("#timeline").getText();
    assertThat(timeline).contains("ada via web").contains("restart");
  }

  @Test
  void viewerSeesNoMutatingControlsAndIsRefusedWhenPostingDirectly() throws Exception {
    String name = docker.name("viewed");
    String id = DockerCli.run("run", "-d", "--name", name, "--label", "berth.test=true", TestEngine.BUSYBOX, "sleep", "300");
    b.login(ConsoleFixture.VIEWER, ConsoleFixture.VIEWER_PASSWORD);
    openContainers(name);
    assertThat(row(name).findElements(By.tagName("button"))).isEmpty();
    assertThat(b.driver().findElements(By.id("bulk"))).isEmpty();
    assertThat(b.driver().findElements(By.cssSelector("a[href='/run']"))).isEmpty();
    b.open("/containers/" + id);
    assertThat(b.driver().findElements(By.cssSelector("#act-stop, #act-start, #act-rm, #exec-form"))).isEmpty();
    b.open("/images");
    assertThat(b.driver().findElements(By.cssSelector("#pull-form, #build-form, #images-table button"))).isEmpty();

    String csrf = b.find("input[name=_csrf]").getAttribute("value");
    String cookie = "berth_session=" + b.driver().manage().getCookieNamed("berth_session").getValue();
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fx.base() + "/containers/action"))
        .header("Cookie", cookie).header("X-CSRF-Token", csrf)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("action=stop&ids=" + id)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("may not run stop");
    assertThat(DockerCli.run("inspect", "-f", "{{.State.Status}}", name)).isEqualTo("running");
  }

  @Test
  void xssInALabelIsShownAsText() {
    String name = docker.name("xss");
    DockerCli.run("create", "--name", name, "--label", "berth.test=true", "--label", "note=" + XSS,
        TestEngine.BUSYBOX, "sleep", "300");
    openContainers(name);
    WebElement row = row(name);
    assertThat(row.getText()).contains("note=" + XSS);
    assertThat(row.findElements(By.tagName("img"))).isEmpty();
    assertThat(b.driver().findElements(By.cssSelector("img"))).isEmpty();
  }

  private void openContainers(String name) {
    b.open("/containers?name=" + name);
    b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
  }

  private WebElement row(String name) {
    return b.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElement(By.cssSelector("tr[data-name='" + name + "']")));
  }

  private String stateOf(String name) {
    List<WebElement> rows = b.driver().findElements(By.cssSelector("tr[data-name='" + name + "'] .badge"));
    try {
      return rows.isEmpty() ? null : rows.get(0).getText();
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return null;
    }
  }
}
