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
    // what sqlite-jdbc takes for a stale extracted copy (its version, no .lck beside it): deleted by a load that
    // cleans java.io.tmpdir; Berth points sqlite-jdbc at its own directory, so /tmp is neither listed nor cleaned
    Path othersFile = Files.writeString(tmp.resolve("sqlite-" + org.sqlite.SQLiteJDBCLoader.getVersion()
        + "-someone-else-libsqlitejdbc.so"), "not Berth's");

    runChild(data, tmp);
    assertThat(othersFile).as("java.io.tmpdir left alone").exists();
    assertThat(data.resolve("native").resolve("tmp")).as("sqlite-jdbc's own temporary directory").isDirectory();
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
          .noneMatch(n -> n.contains("sqlite") && !n.contains("someone-else"));
    }
  }

  @Test
  void theOneCopyOfThisVersionIsFoundByItsNameWithoutAskingThePlatform() throws Exception {
    Path kept = Files.createDirectories(dir.resolve("native"));
    assertThat(SqliteNativeLibrary.madeBefore(dir.resolve("absent"), "3.54.1.0", "libsqlitejdbc.so")).isEmpty();
    assertThat(SqliteNativeLibrary.madeBefore(kept, "3.54.1.0", "libsqlitejdbc.so")).isEmpty();
    Files.writeString(kept.resolve("sqlite-3.53.4.0-Linux-x86_64-libsqlitejdbc.so"), "an older version");
    Files.writeString(kept.resolve(".sqlite-123.tmp"), "a copy being written");
    Files.writeString(kept.resolve("sqlite-3.54.1.0-Linux-x86_64-libsqlitejdbc.so"), "this version");
    assertThat(SqliteNativeLibrary.madeBefore(kept, "3.54.1.0", "libsqlitejdbc.so"))
        .contains("sqlite-3.54.1.0-Linux-x86_64-libsqlitejdbc.so");
    // copies for two platforms (a data directory shared by glibc and musl hosts): the platform must decide
    Files.writeString(kept.resolve("sqlite-3.54.1.0-Linux-Musl-x86_64-libsqlitejdbc.so"), "musl");
    assertThat(SqliteNativeLibrary.madeBefore(kept, "3.54.1.0", "libsqlitejdbc.so")).isEmpty();
  }

  @Test
  void theLibraryFileIsNamedAsSqliteJdbcNamesItPerOs() {
    assertThat(SqliteNativeLibrary.libraryFileName("Linux")).isEqualTo("libsqlitejdbc.so");
    assertThat(SqliteNativeLibrary.libraryFileName("Mac OS X")).isEqualTo("libsqlitejdbc.dylib");
    assertThat(SqliteNativeLibrary.libraryFileName("Windows 11")).isEqualTo("sqlitejdbc.dll");
    assertThat(SqliteNativeLibrary.libraryFileName("FreeBSD")).isEqualTo("libsqlitejdbc.so");
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
