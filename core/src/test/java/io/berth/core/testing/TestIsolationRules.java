package io.berth.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What tests sharing one Docker engine must not do, read from their source: the integration tests
 * of every module run at the same time as each other's methods (core's failsafe runs at parallelism
 * 6) and as other people's builds, so a test that removes a shared image, force-removes one, prunes
 * or builds on a cached step another test also uses breaks someone else's test at random
 * ("failed to set parent sha256:…: unknown parent image ID").
 */
public final class TestIsolationRules {
  private TestIsolationRules() {}

  /** One broken rule: where, and what to do instead. */
  public record Violation(String file, int line, String rule) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + rule;
    }
  }

  private record Rule(Pattern pattern, String advice, boolean allowedInTestEngine) {}

  private static final List<Rule> RULES = List.of(
      new Rule(Pattern.compile("removeImageCmd\\([^;]*withForce"),
          "force-removes an image: remove only your own tag, unforced, with TestEngine.removeImage", false),
      new Rule(Pattern.compile("removeImageCmd\\("),
          "removes an image directly: use TestEngine.removeImage (own tags only, never shared fixtures or ids)", true),
      new Rule(Pattern.compile("\"rmi\""),
          "runs docker rmi: use TestEngine.removeImage (own tags only, never shared fixtures or ids)", false),
      new Rule(Pattern.compile("\"prune\"|pruneCmd\\(|\"system\",\\s*\"prune\""),
          "prunes: that removes other tests' (and people's) things; remove only what the test made", false),
      new Rule(Pattern.compile("new Rmi\\([^;]*,\\s*true\\s*\\)"),
          "rmi -f through Berth: remove your own tag without force", false),
      new Rule(Pattern.compile("\\.removeImage\\([^;]*,\\s*true\\s*\\)"),
          "force-removes an image through the engine: remove your own tag without force", false),
      new Rule(Pattern.compile("\"FROM "),
          "writes a Dockerfile by hand: use TestEngine.dockerfile(tag, ...) so no other build shares its cached steps", true),
      new Rule(Pattern.compile("TestEngine\\.HELLO|(localhost|127\\.0\\.0\\.1):5000/hello-world"),
          "uses the shared hello-world name: pull your own copy from TestEngine.helloInRegistry", true));

  /** Violations in one test source file; {@code file} names it in the report. */
  public static List<Violation> check(String file, String source) {
    boolean testEngine = file.endsWith("TestEngine.java") || file.endsWith("TestIsolationRules.java");
    List<Violation> found = new ArrayList<>();
    for (Rule rule : RULES) {
      if (testEngine && rule.allowedInTestEngine()) continue;
      Matcher m = rule.pattern().matcher(source);
      while (m.find()) {
        int line = (int) source.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
        if (waived(source, m.start())) continue;
        found.add(new Violation(file, line, rule.advice()));
      }
    }
    return found;
  }

  /**
   * A line may waive the rules with a comment {@code // isolation: REASON} — for a test whose subject
   * is the forbidden call itself and that cannot touch anything real (e.g. {@code rmi} of a reference
   * Berth must refuse before any engine call). The reason is read by reviewers, not by this check.
   */
  static boolean waived(String source, int at) {
    int end = source.indexOf('\n', at);
    String rest = source.substring(at, end < 0 ? source.length() : end);
    return WAIVER.matcher(rest).find();
  }

  private static final Pattern WAIVER = Pattern.compile("//\\s*isolation:\\s*\\S");

  /** Violations in every {@code *IT.java} and test fixture under {@code repository}'s modules. */
  public static List<Violation> checkRepository(Path repository) {
    List<Violation> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(repository, 12)) {
      for (Path f : files.filter(TestIsolationRules::engineFacing).sorted().toList()) {
        found.addAll(check(repository.relativize(f).toString(), Files.readString(f)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** Refuses to remove what this run did not make: shared fixtures, image ids, other runs' names. */
  public static void requireOwnImage(String prefix, String reference) {
    String bare = reference.startsWith("docker.io/") ? reference.substring("docker.io/".length()) : reference;
    String normal = bare.replace(TestRegistry.HOST + "/", "localhost:5000/");
    if (!normal.substring(normal.lastIndexOf('/') + 1).contains(":")) normal += ":latest";
    if (TestEngine.SHARED_FIXTURES.contains(normal)) {
      throw new IllegalArgumentException(reference + " is a shared test fixture (scripts/test-env.sh); tests never remove it");
    }
    if (bare.matches("(sha256:)?[0-9a-f]{12,64}")) {
      throw new IllegalArgumentException("remove " + reference + " by the tag the test gave it, not by id:"
          + " an id may be another test's image or a parent of another test's build");
    }
    int slash = bare.indexOf('/');
    String first = slash < 0 ? "" : bare.substring(0, slash);
    String path = first.contains(":") || first.contains(".") || first.equals("localhost") ? bare.substring(slash + 1) : bare;
    if (!path.startsWith(prefix + "-")) {
      throw new IllegalArgumentException(reference + " was not made by this test run (names start with " + prefix + ")");
    }
  }

  /**
   * Test sources that may reach the real engine: integration tests, fixtures, benchmarks, docker CLI
   * helpers. Unit tests ({@code *Test}) run on fakes and legitimately spell out "rmi -f" as text.
   */
  static boolean engineFacing(Path f) {
    String p = f.toString().replace('\\', '/');
    return p.contains("/src/test/java/") && p.endsWith(".java") && !p.endsWith("Test.java");
  }
}
