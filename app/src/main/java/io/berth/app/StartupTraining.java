package io.berth.app;

import io.berth.bot.ChatPlatforms;
import io.berth.core.config.ConfigLoader;
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

  /**
   * Resources a CLI call reads, for {@code --front-jar}. A resource is looked up in the jars of the class path, and the
   * only jar Berth has is 66 MB with 33,000 entries: opening it (its central directory) is ~25–30 ms, which a call whose
   * classes all come from the archive pays for these alone. The launcher puts a jar of just these in front of it.
   * sqlite-jdbc reads its version from its POM properties every time it loads its native library (to name and clean
   * up extracted copies) and to keep a copy in the data directory (SqliteNativeLibrary), and its driver name and
   * version when its database metadata is first used (the audit store's column check).
   */
  static final List<String> FRONT_RESOURCES = List.of(
      "META-INF/maven/org.xerial/sqlite-jdbc/pom.properties",
      "META-INF/maven/org.xerial/sqlite-jdbc/VERSION",
      "sqlite-jdbc.properties");

  public static void main(String[] args) throws IOException {
    int front = List.of(args).indexOf("--front-jar");
    if (front >= 0) writeFrontJar(Path.of(args[front + 1]));
    // the launcher's archive is for CLI calls, which log through TerminalLogging; the image's (--serve) for serve's Logback
    if (!List.of(args).contains("--serve")) TerminalLogging.chooseFor("docker");
    Path dir = Files.createTempDirectory("berth-cds-");
    try {
      String config = Files.writeString(dir.resolve("berth.yml"), trainingConfig(dir.resolve("data"))).toString();
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
      readShippedConfig();
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
   * Writes {@link #FRONT_RESOURCES}, as this class loader finds them, into a jar at {@code target} (replaced). A listed
   * resource the class path lacks (a dependency that moved it) is left out: the call then finds it, or not, in the
   * big jar as before, only slower.
   */
  static void writeFrontJar(Path target) throws IOException {
    try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(target))) {
      for (String name : FRONT_RESOURCES) {
        try (InputStream in = StartupTraining.class.getClassLoader().getResourceAsStream(name)) {
          if (in == null) continue;
          jar.putNextEntry(new java.util.jar.JarEntry(name));
          in.transferTo(jar);
          jar.closeEntry();
        }
      }
    }
  }

  /**
   * Reads (only reads: nothing is started, written or generated) the checkout's {@code config/berth.yml}, which the
   * launcher's calls read, so every parser path and lambda that file takes is in the archive too. Absent (the image's
   * build) or invalid, it is skipped: the training config below covers the usual shapes.
   */
  private static void readShippedConfig() {
    Path shipped = Path.of("config", "berth.yml");
    if (!Files.isRegularFile(shipped)) return;
    try {
      ConfigLoader.load(shipped, System.getenv(), ChatPlatforms.SETTINGS);
    } catch (RuntimeException e) {
      // a configuration that does not load is `config check`'s to report, not the training's
    }
  }

  /**
   * A configuration shaped like the shipped {@code config/berth.yml} (block and flow mappings and lists, lists of
   * mappings, comments, null, numbers, quoted text): reading it loads the YAML parser's classes a real file needs, so a
   * call reading a real file maps them from the archive too instead of opening the 66 MB jar to load them.
   */
  static String trainingConfig(Path data) {
    return String.join("\n",
        "server:",
        "  host: 127.0.0.1   # a comment",
        "  port: 8080",
        "data: { dir: \"" + data + "\" }",
        "engine:",
        "  endpoints:",
        "    - name: local",
        "      host: null",
        "  runTimeout: 2m",
        "  maxOutputBytes: 1048576",
        "build:",
        "  roots: [build]",
        "policy:",
        "  roles:",
        "    deployer: [ps, logs, start, stop, restart, run]",
        "  users:",
        "    local: { role: admin, identities: { cli: [\"*\"] } }",
        "  groups: []",
        "  run:",
        "    allowPrivileged: false",
        "    images: ['*']",
        "    contexts: {}",
        "  confirm:",
        "    commands: [exec, rm, rmi, network rm]",
        "    ttl: 5m",
        "web:",
        "  enabled: false",
        "audit:",
        "  checkpoint: { every: 100, interval: 60s }",
        "  recordings:",
        "    dir: null",
        "    maxSize: 16m",
        "");
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
