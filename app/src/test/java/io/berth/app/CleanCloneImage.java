package io.berth.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Berth's image as {@code scripts/image.sh --name REPOSITORY} builds it from a clean clone of this checkout's HEAD.
 * Never in the checkout itself: the script's Maven build rewrites the target directories the running tests load
 * their classes from (a SwarmStackIT that built in place made every later IT of the run fail with
 * NoClassDefFoundError). The image's tags are the caller's to remove (TestEngine, by its prefix).
 */
final class CleanCloneImage implements AutoCloseable {
  static final Duration BUILD_TIMEOUT = Duration.ofMinutes(25);

  private final Path dir;
  final String image;

  private CleanCloneImage(Path dir, String image) {
    this.dir = dir;
    this.image = image;
  }

  static CleanCloneImage build(String repository) throws Exception {
    Path checkout = Path.of("").toAbsolutePath().getParent(); // failsafe runs in app/
    String head = sh(checkout, Duration.ofMinutes(1), "git", "rev-parse", "HEAD").strip();
    Path dir = Files.createTempDirectory("berth-image-clone-");
    CleanCloneImage built = new CleanCloneImage(dir, repository + ":local");
    try {
      sh(dir, Duration.ofMinutes(2), "git", "clone", "--quiet", "--no-checkout", checkout.toString(), "berth");
      sh(dir.resolve("berth"), Duration.ofMinutes(2), "git", "checkout", "--quiet", "--detach", head);
      sh(dir.resolve("berth"), BUILD_TIMEOUT, "scripts/image.sh", "--name", repository);
      return built;
    } catch (Exception | AssertionError e) {
      built.close();
      throw e;
    }
  }

  /** Runs a command (an argument list, no shell) and returns its output; anything but exit 0 fails the test. */
  static String sh(Path dir, Duration timeout, String... command) throws Exception {
    Path out = Files.createTempFile("berth-image-", ".log");
    try {
      Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " timed out after " + timeout + ":\n" + Files.readString(out));
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + output);
      }
      return output;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** The clone (the image stays). */
  @Override
  public void close() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
