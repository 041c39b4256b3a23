package io.berth.app.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.app.Main;
import io.berth.app.conformance.ConformanceReport.Row;
import io.berth.app.conformance.Judge.Side;
import io.berth.app.conformance.Judge.Verdict;
import io.berth.core.language.CommandTokenizer;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.TestRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's conformance suite: every case of {@code conformance/cases.yaml} runs as {@code docker ARGS}
 * (the docker CLI) and as Berth's {@code docker ARGS} on the same engine, and is judged by meaning
 * ({@link Judge}). Prints the counts, writes docs/conformance.md, and fails on any wrong or unsupported
 * case that is not pending.
 *
 * <p>Berth runs in-process through {@link Main#run(String...)}, the launcher's own entry (System.out,
 * System.err and System.in swapped for the call; Logback's console appender writes to whatever
 * System.err is), with the configuration the launcher would read: its own data dir, web disabled,
 * build.roots the suite's work dir. {@link #theLauncherAnswersAsInProcess} runs some cases through
 * {@code java -jar berth.jar} to show that this is faithful.
 */
class DockerConformanceIT {
  static TestEngine env;
  static Path work;      // {W}: the build root
  static Path outside;   // {O}: a directory outside the build roots
  static Path home;      // Berth's configuration and data
  static Path config;
  static Path unreachable;
  static String token;   // {X} is "d"+token on docker's side, "b"+token on Berth's
  static final Set<String> pushed = new LinkedHashSet<>();

  @BeforeAll
  static void prepare() throws IOException {
    env = new TestEngine("conf");
    StringBuilder t = new StringBuilder();
    for (int i = 0; i < 4; i++) t.append((char) ('g' + ThreadLocalRandom.current().nextInt(20)));
    token = t.toString();
    work = Files.createTempDirectory("berth-conf-w").toRealPath();
    outside = Files.createTempDirectory("berth-conf-o").toRealPath();
    home = Files.createTempDirectory("berth-conf-h").toRealPath();
    // the work dir is both the build root and the root --env-file/--label-file may read from, as an operator sets them
    String base = "data:\n  dir: " + home.resolve("data") + "\nserver:\n  port: 0\nweb:\n  enabled: false\nbuild:\n  roots: ["
        + work + "]\npolicy:\n  run:\n    fileRoots: [" + work + "]\n";
    config = Files.writeString(home.resolve("berth.yml"), base);
    unreachable = Files.writeString(home.resolve("unreachable.yml"),
        base + "engine:\n  endpoints:\n    - name: local\n      host: tcp://127.0.0.1:1\n");
    // a fresh data dir says once that it created its signing key: an installation's first call, not a command's output
    berth(config, List.of("ps", "--filter", "name=" + env.name("warm-up")));
  }

  @AfterAll
  static void removeEverything() throws IOException {
    try {
      for (String name : docker(null, List.of("ps", "-aq", "--filter", "name=" + env.prefix())).out().split("\\s+")) {
        if (!name.isBlank()) docker(null, List.of("rm", "-f", "-v", name));
      }
      for (String net : docker(null, List.of("network", "ls", "-q", "--filter", "name=" + env.prefix())).out().split("\\s+")) {
        if (!net.isBlank()) docker(null, List.of("network", "rm", net));
      }
      TestRegistry registry = new TestRegistry();
      for (String ref : pushed) {
        int colon = ref.lastIndexOf(':');
        registry.delete(ref.substring(0, colon), ref.substring(colon + 1));
      }
    } finally {
      env.close();
      for (Path p : List.of(work, outside, home)) deleteTree(p);
    }
  }

  @Test
  void berthAnswersLikeDocker() throws Exception {
    CaseBook book;
    try (InputStream in = getClass().getResourceAsStream("/conformance/cases.yaml")) {
      book = CaseBook.load(in);
    }
    Judge judge = new Judge(normaliser());
    List<Row> rows = new ArrayList<>();
    long started = System.nanoTime();
    // -Dconformance.groups=logs,exec runs only those groups (a quick loop while fixing them): no doc, no count check
    String only = System.getProperty("conformance.groups", "");
    for (CaseBook.Group group : book.groups()) {
      if (!only.isEmpty() && !List.of(only.split(",")).contains(group.name())) continue;
      try {
        for (JsonNode step : group.setup()) setup(step);
        for (ConformanceCase c : group.cases()) {
          Judge.Judgement j = judge.judge(c, runDocker(c), runBerth(c));
          rows.add(new Row(c, j, book.pending().get(c.id())));
          System.out.printf("%-5s %-11s %s%n", c.id(), j.verdict().name().toLowerCase(), j.detail());
        }
      } finally {
        for (String line : group.teardown()) forEachSide(line, s -> docker(null, words(s)));
      }
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    var counts = ConformanceReport.counts(rows);
    System.out.println("conformance: " + counts + " of " + rows.size() + " cases in " + seconds + " s");
    if (!only.isEmpty()) {
      assertThat(rows.stream().filter(r -> r.failing() && r.pendingPart() == null).map(r -> r.c().id() + ": " + r.j().detail()))
          .isEmpty();
      return;
    }
    String versions = "docker " + docker(null, List.of("version", "--format", "client {{.Client.Version}}, daemon {{.Server.Version}} (API {{.Server.APIVersion}})")).out().strip();
    Files.writeString(repositoryRoot().resolve("docs/conformance.md"),
        ConformanceReport.markdown(rows, Instant.now().toString().substring(0, 16) + "Z", versions, seconds));

    assertThat(rows.size()).as("cases").isGreaterThanOrEqualTo(150);
    List<String> failing = rows.stream().filter(r -> r.failing() && r.pendingPart() == null)
        .map(r -> r.c().id() + " " + r.j().verdict() + ": " + r.j().detail()).toList();
    assertThat(failing).as("wrong or unsupported cases that no part of issue 10 is pending for").isEmpty();
  }

  /** The in-process runs stand for {@code ./berth docker}: the jar, run as the launcher runs it, answers the same. */
  @Test
  void theLauncherAnswersAsInProcess() throws Exception {
    Path jar = Path.of("target/berth.jar").toAbsolutePath();
    assertThat(jar).as("the shaded jar (mvn package runs before failsafe)").exists();
    String gone = env.name("launcher-gone");
    List<List<String>> cases = List.of(
        List.of("help"),
        List.of("ps", "--bogus"),
        List.of("ps", "-a", "--filter", "name=" + gone),
        List.of("stop", gone),
        List.of("run", "--rm", "-l", "berth.test=true", TestEngine.BUSYBOX, "sh", "-c", "echo out; echo err >&2; exit 3"),
        List.of("--yes", "rm", "-f", gone),
        List.of("pull", "bad::ref"));
    Normaliser n = normaliser();
    for (List<String> args : cases) {
      Side inProcess = berth(config, args);
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "docker", "--config", config.toString()));
      command.addAll(args);
      Side launcher = process(command, Map.of());
      String what = String.join(" ", args);
      assertThat(launcher.rc()).as(what + ": rc").isEqualTo(inProcess.rc());
      assertThat(n.normalise(launcher.out(), List.of(), List.of(), false)).as(what + ": stdout")
          .isEqualTo(n.normalise(inProcess.out(), List.of(), List.of(), false));
      assertThat(n.normalise(launcher.err(), List.of(), List.of(), false)).as(what + ": stderr")
          .isEqualTo(n.normalise(inProcess.err(), List.of(), List.of(), false));
    }
  }

  static Normaliser normaliser() {
    Map<String, String> literals = new LinkedHashMap<>();
    literals.put("d" + token, "X");
    literals.put("b" + token, "X");
    literals.put(work.toString(), "<W>");
    literals.put(outside.toString(), "<O>");
    literals.put(env.prefix(), "<P>");
    return new Normaliser(literals);
  }

  // ---- the two sides

  Side runDocker(ConformanceCase c) throws IOException {
    String side = "d" + token;
    for (String b : c.before()) setupLine(expand(b, side), side);
    Side s = docker(c.env(), words(expand(c.args(), side)), c.stdin());
    return withFiles(s, c, side);
  }

  Side runBerth(ConformanceCase c) throws IOException {
    String side = "b" + token;
    for (String b : c.before()) setupLine(expand(b, side), side);
    List<String> args = new ArrayList<>();
    if (c.yes()) args.add("--yes");
    args.addAll(words(expand(c.args(), side)));
    Side s = berth(c.config().equals("unreachable") ? unreachable : config, args, c.stdin());
    return withFiles(s, c, side);
  }

  private Side withFiles(Side s, ConformanceCase c, String side) throws IOException {
    if (c.files().isEmpty()) return s;
    StringBuilder out = new StringBuilder(s.out());
    for (String f : c.files()) {
      Path p = Path.of(expand(f, side));
      out.append("\n--- file ").append(f).append(":\n");
      out.append(Files.isRegularFile(p) ? Files.readString(p) : Files.isDirectory(p) ? "(directory) " + list(p) : "(missing)");
    }
    return new Side(s.rc(), out.toString(), s.err());
  }

  private static String list(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.map(p -> dir.relativize(p).toString()).sorted().toList().toString();
    }
  }

  /** Berth's {@code docker ARGS} in this JVM, as {@code Main.main} would run it, streams captured. */
  static Side berth(Path configFile, List<String> args) {
    return berth(configFile, args, "");
  }

  /** With {@code stdin} as its standard input (both sides get the same bytes). */
  static synchronized Side berth(Path configFile, List<String> args, String stdin) {
    List<String> all = new ArrayList<>(List.of("docker", "--config", configFile.toString()));
    all.addAll(args);
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int rc;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      rc = Main.run(all.toArray(String[]::new));
    } catch (RuntimeException | Error crash) {
      crash.printStackTrace(System.err);
      rc = -1;
    } finally {
      System.out.flush();
      System.err.flush();
      System.setOut(out);
      System.setErr(err);
      System.setIn(in);
    }
    return new Side(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  static Side docker(Map<String, String> extraEnv, List<String> args) {
    return docker(extraEnv, args, "");
  }

  static Side docker(Map<String, String> extraEnv, List<String> args, String stdin) {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(args);
    return process(command, extraEnv == null ? Map.of() : extraEnv, stdin);
  }

  static Side process(List<String> command, Map<String, String> extraEnv) {
    return process(command, extraEnv, "");
  }

  /** {@code stdin} "": /dev/null; else those bytes through a pipe, then its end. */
  static Side process(List<String> command, Map<String, String> extraEnv, String stdin) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      if (stdin.isEmpty()) pb.redirectInput(new File("/dev/null"));
      pb.environment().put("DOCKER_CLI_HINTS", "false");
      pb.environment().remove("BERTH_LOG_LEVEL");
      pb.environment().putAll(extraEnv);
      Process p = pb.start();
      if (!stdin.isEmpty()) {
        try (var in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Side(-1, "", "timed out after 120 s: " + command);
      }
      return new Side(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(InputStream s) {
    try {
      return s.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  // ---- setup

  interface SideAction {
    void run(String side) throws IOException;
  }

  /** Runs {@code action} once per side when {@code text} names {@code {X}}, else once. */
  static void forEachSide(String text, SideAction action) throws IOException {
    if (text.contains("{X}")) {
      action.run("d" + token);
      action.run("b" + token);
    } else {
      action.run(null);
    }
  }

  void setup(JsonNode step) throws IOException {
    if (step.isTextual()) {
      forEachSide(step.asText(), side -> setupLine(expand(step.asText(), side), side));
    } else if (step.has("file")) {
      forEachSide(step.get("file").asText() + step.path("text").asText(), side -> {
        Path p = Path.of(expand(step.get("file").asText(), side));
        Files.createDirectories(p.getParent());
        Files.writeString(p, expand(step.path("text").asText(), side));
      });
    } else if (step.has("build")) {
      forEachSide(step.get("build").asText() + step.get("tag").asText(), side -> {
        Path dir = Files.createDirectories(Path.of(expand(step.get("build").asText(), side)));
        String tag = expand(step.get("tag").asText(), side);
        List<String> steps = new ArrayList<>();
        step.path("steps").forEach(s -> steps.add(expand(s.asText(), side).replace("{TAG}", tag)));
        Files.writeString(dir.resolve(step.path("dockerfile").asText("Dockerfile")),
            TestEngine.dockerfile(tag, steps.toArray(String[]::new)));
        var extra = step.path("files").fields();
        while (extra.hasNext()) {
          var f = extra.next();
          Files.writeString(dir.resolve(f.getKey()), expand(f.getValue().asText(), side).replace("{TAG}", tag));
        }
      });
    } else if (step.has("hello")) {
      forEachSide(step.get("hello").asText(), side -> env.helloInRegistry(expand(step.get("hello").asText(), side)
          .substring(env.prefix().length() + 1)));
    } else {
      throw new IllegalArgumentException("unknown setup step " + step);
    }
  }

  /** A docker CLI line; a leading {@code ?} accepts a non-zero exit (e.g. a container made to exit 3). */
  void setupLine(String line, String side) {
    boolean anyExit = line.startsWith("?");
    Side r = docker(null, words(anyExit ? line.substring(1) : line));
    if (!anyExit && r.rc() != 0) throw new IllegalStateException("setup `docker " + line + "` failed: " + r);
  }

  static final Pattern ID = Pattern.compile("\\{id:([^}]+)\\}");
  static final Pattern PUSHED = Pattern.compile("127\\.0\\.0\\.1:5000/([a-z0-9._/-]+):([\\w.-]+)");

  /** Placeholders: {P} run prefix, {X} side, {W} build root, {O} outside it, {id:NAME} a container's short id. */
  static String expand(String text, String side) {
    String s = text.replace("{P}", env.prefix()).replace("{W}", work.toString()).replace("{O}", outside.toString());
    if (side != null) s = s.replace("{X}", side);
    Matcher m = ID.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String id = docker(null, List.of("inspect", "-f", "{{.Id}}", m.group(1))).out().strip();
      m.appendReplacement(out, id.length() >= 12 ? id.substring(0, 12) : "no-such-id");
    }
    m.appendTail(out);
    Matcher p = PUSHED.matcher(out);
    while (p.find()) if (p.group(1).startsWith(env.prefix())) pushed.add(p.group(1) + ":" + p.group(2));
    return out.toString();
  }

  static List<String> words(String line) {
    return CommandTokenizer.words(line.strip());
  }

  static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("core")) ? here : here.getParent();
  }

  private static void deleteTree(Path p) throws IOException {
    if (p == null || !Files.exists(p)) return;
    try (var files = Files.walk(p)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
