package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.testing.TestEngine;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Berth as a container, as the README runs it: the image built by {@code scripts/image.sh} from a clean clone of
 * this checkout's HEAD, started with the socket mounted, as its non-root user (the socket's group added), on a
 * read-only root with {@code /data} a volume. Console sign-in and {@code docker ps} through the command bar work,
 * and the audit written to the volume survives replacing the container.
 *
 * <p>The root filesystem and jlink runtime come from {@code scripts/image.sh}'s cache (~/.cache/berth/image): only
 * a first run on a fresh machine fetches Debian packages. Everything made here carries this run's prefix (image
 * tags, containers, the volume) and is removed by {@link TestEngine#close}.
 */
class ImageIT {
  static final Pattern PASSWORD = Pattern.compile("Sign in as 'admin' with password: (\\S+)");
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  static TestEngine env;
  /** Where the docker CLI runs (any directory: nothing is read from it). */
  static final Path HERE = Path.of("").toAbsolutePath();
  static CleanCloneImage clone;
  static String image;
  static String volume;
  static String socketGroup;

  @BeforeAll
  static void buildImageFromACleanClone() throws Exception {
    env = new TestEngine("image-it");
    clone = CleanCloneImage.build(env.name("berth"));
    image = clone.image;
    assertThat(sh(HERE, Duration.ofMinutes(1), "docker", "image", "inspect", "--format", "{{.Config.User}}", image))
        .as("the image's user").contains("10001:10001");
    volume = env.name("data");
    sh(HERE, Duration.ofMinutes(1), "docker", "volume", "create", "--label", "berth.test=true", volume);
    socketGroup = String.valueOf(Files.getAttribute(Path.of("/var/run/docker.sock"), "unix:gid"));
  }

  @AfterAll
  static void removeEverythingThisRunMade() throws IOException {
    if (env != null) env.close(); // containers, then image tags, then the volume (all by this run's prefix)
    if (clone != null) clone.close();
  }

  @Test
  void runsAsNonRootOnAReadOnlyRootAndItsAuditSurvivesAReplacedContainer() throws Exception {
    String marker = env.name("marker");

    // first container: health, sign-in with the printed one-time password, docker ps in the command bar
    String first = env.name("first");
    String base = start(first);
    assertThat(sh(HERE, Duration.ofMinutes(1), "docker", "exec", first, "/bin/busybox", "id"))
        .as("the process's user and the socket's group").contains("uid=10001").contains(socketGroup);
    HttpResponse<String> health = get(base, "/healthz", null);
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("\"reachable\":true").contains("\"writable\":true");
    assertThat(healthStatus(first)).as("the image's own HEALTHCHECK").isEqualTo("healthy");

    String password = waitForPassword(first);
    Session session = signIn(base, password);
    HttpResponse<String> ps = session.post("/command", "text=" + URLEncoder.encode("ps --filter name=" + marker,
        StandardCharsets.UTF_8));
    assertThat(ps.statusCode()).as(ps.body()).isEqualTo(200);
    assertThat(ps.body()).contains("CONTAINER ID").contains("IMAGE");
    HttpResponse<String> all = session.post("/command", "text=ps");
    assertThat(all.body()).as("it lists itself through the mounted socket").contains(first);

    // replaced: stopped (SIGTERM: a clean shutdown) and removed; a new container on the same volume
    sh(HERE, Duration.ofMinutes(1), "docker", "stop", "-t", "30", first);
    sh(HERE, Duration.ofMinutes(1), "docker", "rm", first);
    String second = env.name("second");
    String base2 = start(second);
    assertThat(logs(second)).as("no new one-time password: the first one's hash is on the volume")
        .doesNotContain("Sign in as 'admin'");
    Session again = signIn(base2, password);
    HttpResponse<String> audit = again.get("/audit?text=" + URLEncoder.encode(marker, StandardCharsets.UTF_8));
    assertThat(audit.statusCode()).isEqualTo(200);
    assertThat(audit.body()).as("the first container's record").contains(marker);

    // the CLI in a one-off container on the same volume: the record is there and the chain verifies
    assertThat(sh(HERE, Duration.ofMinutes(2), oneOff("audit", "export", "--format", "jsonl", "--text", marker)))
        .contains(marker).contains("\"source\":\"web\"");
    String verified = sh(HERE, Duration.ofMinutes(2), oneOff("audit", "verify"));
    assertThat(verified).containsIgnoringCase("ok");
  }

  /** Starts the image as the README says; returns the console's base URL once /healthz answers. */
  static String start(String name) throws Exception {
    sh(HERE, Duration.ofMinutes(1), "docker", "run", "-d", "--name", name, "--label", "berth.test=true",
        "--read-only", "--tmpfs", "/tmp", "--group-add", socketGroup,
        "-v", "/var/run/docker.sock:/var/run/docker.sock", "-v", volume + ":/data",
        "-p", "127.0.0.1::8080", image);
    String port = sh(HERE, Duration.ofMinutes(1), "docker", "port", name, "8080/tcp").strip().lines().findFirst()
        .orElseThrow();
    String base = "http://" + port;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try {
        if (get(base, "/healthz", null).statusCode() == 200) return base;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no healthy /healthz within 120 s; logs:\n" + logs(name));
  }

  /** Docker's verdict from the image's HEALTHCHECK: its first check runs 30 s after the start. */
  static String healthStatus(String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    String status = "";
    while (System.nanoTime() < deadline) {
      status = sh(HERE, Duration.ofMinutes(1), "docker", "inspect", "--format", "{{.State.Health.Status}}", name).strip();
      if (!status.equals("starting")) return status;
      Thread.sleep(1000);
    }
    return status + " after 150 s: " + sh(HERE, Duration.ofMinutes(1), "docker", "inspect", "--format",
        "{{json .State.Health}}", name);
  }

  static String waitForPassword(String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Matcher m = PASSWORD.matcher(logs(name));
      if (m.find()) return m.group(1);
      Thread.sleep(250);
    }
    throw new AssertionError("no one-time admin password in the logs:\n" + logs(name));
  }

  static String logs(String name) throws Exception {
    return sh(HERE, Duration.ofMinutes(1), "docker", "logs", name);
  }

  /** A one-shot Berth command in a container of its own on the same volume, as read-only as the server. */
  static String[] oneOff(String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker", "run", "--rm", "--label", "berth.test=true",
        "--read-only", "--tmpfs", "/tmp", "-v", volume + ":/data", image));
    cmd.addAll(List.of(args));
    return cmd.toArray(String[]::new);
  }

  record Session(String base, String cookie, String csrf) {
    HttpResponse<String> get(String path) throws Exception {
      return ImageIT.get(base, path, cookie);
    }

    HttpResponse<String> post(String path, String form) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
          .header("X-CSRF-Token", csrf).header("HX-Request", "true")
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  static Session signIn(String base, String password) throws Exception {
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("login=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as("sign-in: " + login.body()).isEqualTo(303);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    HttpResponse<String> page = get(base, "/containers", cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as("a CSRF token on the console page").isTrue();
    return new Session(base, cookie, m.group(1));
  }

  static HttpResponse<String> get(String base, String path, String cookie) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET();
    if (cookie != null) b.header("Cookie", cookie);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String sh(Path dir, Duration timeout, String... command) throws Exception {
    return CleanCloneImage.sh(dir, timeout, command);
  }
}
