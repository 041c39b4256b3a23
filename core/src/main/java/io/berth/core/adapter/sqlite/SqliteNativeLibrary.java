package io.berth.core.adapter.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Keeps sqlite-jdbc's native library in Berth's own data directory instead of extracting it anew.
 *
 * <p>Left alone, sqlite-jdbc copies its 1.1 MB library into {@code java.io.tmpdir} under a fresh
 * random name every time a JVM opens a database, checks it byte by byte and deletes it at exit — a
 * measurable share of every {@code ./berth docker} call, and a copy left behind whenever a process
 * is killed (hundreds piled up in /tmp on a CI machine). Here it is copied once per sqlite-jdbc
 * version into {@code DIR/native/} (Berth's data directory: owned by Berth, never a world-writable
 * place where another user could plant a library) and loaded from there.
 *
 * <p>Any problem only means the default behaviour: the properties are left unset and sqlite-jdbc
 * extracts as it always did.
 */
final class SqliteNativeLibrary {
  private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);
  private static final String PATH = "org.sqlite.lib.path";
  private static final String NAME = "org.sqlite.lib.name";
  private static final String TMPDIR = "org.sqlite.tmpdir";

  private SqliteNativeLibrary() {}

  /**
   * Points sqlite-jdbc at a kept copy under {@code dataDir}, making it when missing; once per JVM.
   *
   * <p>Which platform's library to copy is sqlite-jdbc's {@link OSInfo}, whose musl and Android checks walk
   * {@code /proc/self/map_files} (hundreds of entries in a JVM) and start a {@code uname -o} process: ~0.1 s of CPU,
   * most of a one-shot call's audit store open (docs/benchmarks.md). It is asked only to make the copy; later
   * processes find the one copy of this sqlite-jdbc version by its name, which says the platform it was made for.
   * Should that be the wrong one (a data directory moved to another platform), loading it fails and sqlite-jdbc
   * falls back to extracting its own, as without this class.
   */
  static synchronized void keepIn(Path dataDir) {
    if (System.getProperty(PATH) != null || dataDir == null) return; // chosen already (here or by the operator)
    try {
      String version = SQLiteJDBCLoader.getVersion();
      Path dir = dataDir.resolve("native");
      String file = libraryFileName(System.getProperty("os.name", ""));
      String name = madeBefore(dir, version, file).orElse(null);
      if (name == null) {
        String platform = OSInfo.getNativeLibFolderPathForCurrentOS();
        name = "sqlite-" + version + "-" + platform.replace('/', '-') + "-" + file;
        Path lib = dir.resolve(name);
        if (!Files.isRegularFile(lib)) copy("/org/sqlite/native/" + platform + "/" + file, dir, lib);
      }
      System.setProperty(PATH, dir.toString());
      System.setProperty(NAME, name);
      ownTemporaryDirectory(dir.resolve("tmp"));
    } catch (IOException | RuntimeException e) {
      log.debug("sqlite native library not kept in {} ({}); sqlite-jdbc extracts its own", dataDir, e.toString());
    }
  }

  /**
   * sqlite-jdbc's temporary directory (where it would extract a copy, and where every load lists the files to delete
   * stale copies): Berth's own, not {@code java.io.tmpdir}. Listing a shared /tmp of hundreds of entries was ~5 ms of
   * every one-shot call's audit store open, and grows with whatever else the machine keeps there.
   */
  private static void ownTemporaryDirectory(Path tmp) throws IOException {
    if (System.getProperty(TMPDIR) != null) return; // the operator's choice
    Files.createDirectories(tmp);
    System.setProperty(TMPDIR, tmp.toString());
  }

  /** The kept copy of this sqlite-jdbc {@code version} in {@code dir}, if there is exactly one (else the platform decides). */
  static java.util.Optional<String> madeBefore(Path dir, String version, String file) throws IOException {
    if (!Files.isDirectory(dir)) return java.util.Optional.empty();
    String prefix = "sqlite-" + version + "-";
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      java.util.List<String> made = files.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith(prefix) && n.endsWith("-" + file)).toList();
      return made.size() == 1 ? java.util.Optional.of(made.get(0)) : java.util.Optional.empty();
    }
  }

  /** sqlite-jdbc's file name on this OS ({@code os.name}, as its OSInfo names the folders). */
  static String libraryFileName(String osName) {
    if (osName.contains("Windows")) return "sqlitejdbc.dll";
    if (osName.contains("Mac") || osName.contains("Darwin")) return "libsqlitejdbc.dylib";
    return "libsqlitejdbc.so";
  }

  /** Written under a temporary name and moved into place, so a concurrent start never loads half a file. */
  private static void copy(String resource, Path dir, Path lib) throws IOException {
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) throw new IOException("no " + resource + " in sqlite-jdbc");
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".sqlite-", ".tmp");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r-xr-x---"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: its defaults apply
        }
        try {
          Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
