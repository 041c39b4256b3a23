package io.berth.core.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Makes files really unwritable, even for root (tests run as root, where chmod stops nothing): the
 * immutable attribute ({@code chattr +i}) when running as root, plain permissions otherwise. Checks
 * that a write really fails before returning.
 */
final class ReadOnlyFiles implements AutoCloseable {
  private final List<Path> paths;
  private final boolean immutable;

  private ReadOnlyFiles(List<Path> paths, boolean immutable) {
    this.paths = paths;
    this.immutable = immutable;
  }

  /** Makes each path (files and directories) unwritable; close() undoes it. */
  static ReadOnlyFiles lock(Path... paths) throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    ReadOnlyFiles locked = new ReadOnlyFiles(List.of(paths), root);
    for (Path p : paths) {
      if (root) {
        run("chattr", "+i", p.toString());
      } else {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
      }
    }
    for (Path p : paths) {
      if (Files.isRegularFile(p) && canWrite(p)) {
        locked.close();
        fail("could not make " + p + " unwritable (chattr +i / chmod had no effect here)");
      }
    }
    return locked;
  }

  private static boolean canWrite(Path file) {
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) fail(String.join(" ", command) + " failed: " + out);
  }

  @Override
  public void close() throws Exception {
    for (Path p : paths) {
      if (immutable) {
        run("chattr", "-i", p.toString());
      } else {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }
}
