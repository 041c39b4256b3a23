package io.berth.app;

import io.berth.core.policy.WebAccounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The training run behind the launcher's class-data archive ({@code app/target/berth.jsa}): the calls
 * people make most, in one JVM started with {@code -XX:DumpLoadedClassList} (the launcher, which then dumps a static
 * archive of that list) or {@code -XX:ArchiveClassesAtExit} (the image), so the archive holds the classes they load
 * and later calls map them instead of loading them (docs/benchmarks.md).
 *
 * <p>It changes nothing anyone can see: the configuration, audit trail and data directory are a
 * temporary directory it removes, output is discarded, and the one engine call is a read
 * ({@code ps -a} against the default endpoint; if none answers, its failure path is trained instead).
 *
 * <p>With {@code --serve} (the container image's build: its command is {@code serve}), {@code serve} then starts
 * on a free loopback port, with a web login made up for the run, answers what a start-up and a first visit ask ({@code /healthz}, the login page, a sign-in,
 * the container list) and stops: the image maps the server's classes too, instead of loading and verifying
 * them while its health check waits (docs/benchmarks.md, "Container image"). The launcher's archive leaves it out:
 * the server's classes made that archive 19 → 38 MB and a CLI call's CPU ~0.1 s higher.
 */
final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    // the launcher's archive is for CLI calls, which log through TerminalLogging; the image's (--serve) for serve's Logback
    if (!List.of(args).contains("--serve")) TerminalLogging.chooseFor("docker");
    Path dir = Files.createTempDirectory("berth-cds-");
    try {
      String config = Files.writeString(dir.resolve("berth.yml"), "data: { dir: " + dir.resolve("data") + " }\n")
          .toString();
      PrintWriter discard = new PrintWriter(Writer.nullWriter());
      for (List<String> call : List.of(
          List.of("--version"),
          List.of("docker", "--config", config, "help"),
          List.of("docker", "--config", config, "help", "run"),
          List.of("docker", "--config", config, "ps", "--no-such-flag"),
          List.of("docker", "--config", config, "ps", "-a"),
          List.of("docker", "--config", config, "images"),
          List.of("config", "check", "--config", config),
          List.of("audit", "verify", "--config", config),
          List.of("audit", "export", "--config", config, "--format", "csv"))) {
        Main.run(discard, discard, call.toArray(String[]::new));
      }
      if (List.of(args).contains("--serve") && !serve(dir)) {
        System.err.println("serve training: the signed-in container list was not reached");
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }

  /**
   * {@code serve} with a throw-away login, visited as the image's health check and a first browser visit are.
   * True when the visit got as far as the signed-in container list (so the archive holds that path too).
   */
  static boolean serve(Path dir) throws IOException {
    String password = UUID.randomUUID().toString();
    Path config = Files.writeString(dir.resolve("serve.yml"), String.join("\n",
        "server: { host: 127.0.0.1, port: 0 }",
        "data: { dir: " + dir.resolve("serve-data") + " }",
        "web: { sessionKey: { file: " + dir.resolve("web-session.key") + " } }",
        "policy:",
        "  users:",
        "    trainer: { role: admin, identities: { web: { login: trainer, passwordHash: \"" + WebAccounts.hash(password)
            + "\" } } }",
        ""));
    ServeCommand serve = new ServeCommand();
    serve.config = new ConfigOption();
    serve.config.file = config;
    try (ServeCommand.Serving serving = serve.start()) {
      String base = "http://127.0.0.1:" + serving.port();
      visit(base + "/healthz", null, null);
      visit(base + "/login", null, null);
      Visit login = visit(base + "/login", null, "login=trainer&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
      Visit list = visit(base + "/containers", login.cookies(), null);
      visit(base + "/healthz", null, null);
      return list.status() == 200;
    } catch (Exception e) {
      // a server that does not start here still leaves what it loaded until then in the archive
      System.err.println("serve training: " + e);
      return false;
    }
  }

  private record Visit(int status, String cookies) {}

  /** One request (a POST when {@code form} is given): its status and the cookies it set, as a Cookie header. */
  private static Visit visit(String url, String cookie, String form) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setInstanceFollowRedirects(false);
    if (cookie != null) c.setRequestProperty("Cookie", cookie);
    if (form != null) {
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      c.getOutputStream().write(form.getBytes(StandardCharsets.UTF_8));
    }
    int status = c.getResponseCode();
    try (InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      if (body != null) body.readAllBytes();
    }
    List<String> set = c.getHeaderFields().getOrDefault("Set-Cookie", List.of());
    return new Visit(status, String.join("; ", set.stream().map(h -> h.split(";", 2)[0]).toList()));
  }
}
