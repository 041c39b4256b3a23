package io.berth.core.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sqlite-jdbc's native library is kept in the data directory: a process that opens the trail
 * extracts nothing into the temporary directory (where every CLI call used to leave a 1.1 MB copy
 * when it was killed), and a second process reuses the copy the first one made.
 */
class SqliteNativeLibraryTest {
  @TempDir Path dir;

  @Test
  void opensTheTrailWithTheLibraryKeptInTheDataDirectoryAndNothingInTmp() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));

    runChild(data, tmp);
    Path kept;
    try (Stream<Path> files = Files.list(data.resolve("native"))) {
      kept = files.filter(f -> f.getFileName().toString().endsWith("libsqlitejdbc.so")).findFirst().orElseThrow();
    }
    long madeAt = Files.getLastModifiedTime(kept).toMillis();
    runChild(data, tmp);

    assertThat(Files.getLastModifiedTime(kept).toMillis()).as("the second process reused the copy").isEqualTo(madeAt);
    assertThat(Files.size(kept)).isGreaterThan(100_000);
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("extracted into java.io.tmpdir")
          .noneMatch(n -> n.contains("sqlite"));
    }
  }

  private static void runChild(Path data, Path tmp) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), OpenTrailChild.class.getName(), data.resolve("audit.db").toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
    assertThat(child.exitValue()).as("child exit code").isZero();
  }

  /** Opens and closes a trail, as a one-shot CLI call does. */
  public static final class OpenTrailChild {
    public static void main(String[] args) {
      SqliteAuditTrail.open(Path.of(args[0])).close();
    }
  }
}
