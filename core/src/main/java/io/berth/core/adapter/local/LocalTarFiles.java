package io.berth.core.adapter.local;

import io.berth.core.command.LocalFiles;
import io.berth.core.engine.EngineException;
import io.berth.core.result.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The CLI caller's files for {@code cp}, as docker's CLI handles them. A container's archive is
 * untrusted (whoever controls the container wrote it): every entry is checked before anything is
 * written, and nothing lands outside DEST — not through {@code ..}, an absolute name, a link the
 * archive made, nor a link already on the way; links the archive holds may only point inside DEST.
 */
public final class LocalTarFiles implements LocalFiles {
  private final Path cwd;
  private final InputStream stdin;
  private final OutputStream stdout;

  public LocalTarFiles(Path cwd, InputStream stdin, OutputStream stdout) {
    this.cwd = cwd.toAbsolutePath().normalize();
    this.stdin = stdin;
    this.stdout = stdout;
  }

  @Override
  public OutputStream stdout() {
    return stdout;
  }

  @Override
  public InputStream stdin() {
    return stdin;
  }

  private Path path(String p) {
    return cwd.resolve(p).toAbsolutePath().normalize();
  }

  @Override
  public boolean isDirectory(String p) {
    return Files.isDirectory(path(p));
  }

  @Override
  public boolean exists(String p) {
    return Files.exists(path(p), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public long extract(InputStream in, String dest, boolean contentsOnly) {
    Path d = path(dest);
    boolean intoDirectory = Files.isDirectory(d);
    if (!intoDirectory && (d.getParent() == null || !Files.isDirectory(d.getParent()))) {
      throw new EngineException(Failure.NOT_FOUND, "cp: no such directory: " + (d.getParent() == null ? d : d.getParent()));
    }
    if (!intoDirectory && dest.endsWith("/")) throw new EngineException(Failure.NOT_FOUND, "cp: no such directory: " + d);
    long written = 0;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      boolean first = true;
      while ((e = tar.getNextEntry()) != null) {
        List<String> parts = parts(e.getName());
        if (first && !intoDirectory && e.isDirectory() && Files.exists(d) && parts.size() == 1) {
          throw new EngineException(Failure.INVALID, "cp: cannot copy a directory to a file: " + dest);
        }
        first = false;
        Path target = targetOf(d, intoDirectory, contentsOnly, parts, e.getName());
        if (target == null) continue; // the archived directory itself, when only its contents are copied
        written += write(tar, e, d, target, intoDirectory, contentsOnly);
      }
    } catch (IOException ex) {
      throw new EngineException(Failure.INTERNAL, "cp: writing to " + dest + " stopped: " + ex.getMessage());
    }
    return written;
  }

  /** An entry name's elements; refuses absolute names and {@code ..} (the archive's root is the copied path's last element). */
  private static List<String> parts(String name) {
    if (name.startsWith("/")) throw refused(name, "it is an absolute path");
    List<String> out = new ArrayList<>();
    for (String p : name.split("/")) {
      if (p.isEmpty() || p.equals(".")) continue;
      if (p.equals("..")) throw refused(name, "it climbs out with \"..\"");
      out.add(p);
    }
    if (out.isEmpty()) throw refused(name, "it has no name");
    return out;
  }

  /**
   * docker's placement: into an existing directory the root keeps its name (or, with SRC/., is
   * dropped); otherwise the root becomes DEST itself.
   */
  private static Path targetOf(Path d, boolean intoDirectory, boolean contentsOnly, List<String> parts, String name) {
    List<String> rest = parts.subList(1, parts.size());
    Path t;
    if (intoDirectory && contentsOnly) {
      if (rest.isEmpty()) return null;
      t = d.resolve(String.join("/", rest));
    } else if (intoDirectory) {
      t = d.resolve(String.join("/", parts));
    } else {
      t = rest.isEmpty() ? d : d.resolve(String.join("/", rest));
    }
    t = t.normalize();
    if (!t.startsWith(d)) throw refused(name, "it would land outside " + d);
    return t;
  }

  private long write(TarArchiveInputStream tar, TarArchiveEntry e, Path d, Path target, boolean intoDirectory,
      boolean contentsOnly) throws IOException {
    // nothing between DEST and the entry may be a link: writing through one could reach anywhere
    for (Path p = target.getParent(); p != null && p.startsWith(d) && !p.equals(d); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) throw refused(e.getName(), "it would be written through the link " + p);
    }
    if (Files.isSymbolicLink(target)) Files.delete(target); // replaced, never followed
    if (e.isDirectory()) {
      if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(target);
      setMode(target, e.getMode());
      return 0;
    }
    if (e.isSymbolicLink()) {
      String link = e.getLinkName();
      Path resolved = target.getParent().resolve(link).normalize();
      if (link.startsWith("/") || !resolved.startsWith(d)) {
        throw refused(e.getName(), "it is a link to " + link + ", outside " + d);
      }
      Files.deleteIfExists(target);
      Files.createSymbolicLink(target, Path.of(link));
      return 0;
    }
    if (e.isLink()) {
      Path source = targetOf(d, intoDirectory, contentsOnly, parts(e.getLinkName()), e.getLinkName());
      if (source == null || Files.isSymbolicLink(source) || !Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
        throw refused(e.getName(), "it is a hard link to " + e.getLinkName() + ", which is not a file it copied");
      }
      Files.deleteIfExists(target);
      Files.createLink(target, source);
      return 0;
    }
    if (!e.isFile()) throw refused(e.getName(), "it is a device or pipe, which cp does not create");
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      long n = tar.transferTo(out);
      setMode(target, e.getMode());
      return n;
    }
  }

  private static void setMode(Path p, int mode) {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ};
    for (int i = 0; i < order.length; i++) if ((mode & (1 << i)) != 0) perms.add(order[i]);
    perms.add(PosixFilePermission.OWNER_READ);
    perms.add(PosixFilePermission.OWNER_WRITE); // the copy stays the caller's to change and remove
    try {
      Files.setPosixFilePermissions(p, perms);
    } catch (IOException | UnsupportedOperationException ignored) {
      // modes are best effort, as docker's are for a non-root caller
    }
  }

  private static EngineException refused(String entry, String why) {
    return new EngineException(Failure.INVALID, "cp: refusing archive entry \"" + entry + "\": " + why
        + "; nothing of it was written (the archive is the container's, and may be hostile)");
  }

  @Override
  public InputStream archive(String source, String rootName, boolean contentsOnly) {
    Path src = path(source);
    try {
      Path tmp = Files.createTempFile("berth-cp-", ".tar");
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(tmp))) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Files.walkFileTree(src, new SimpleFileVisitor<>() { // no FOLLOW_LINKS: links are archived as links
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            String name = nameOf(src, dir, rootName, contentsOnly);
            if (name != null) {
              tar.putArchiveEntry(new TarArchiveEntry(dir, name + "/", LinkOption.NOFOLLOW_LINKS));
              tar.closeArchiveEntry();
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            String name = nameOf(src, file, rootName, contentsOnly);
            if (name == null) name = rootName; // SRC/. of a file: the file itself
            if (attrs.isSymbolicLink()) {
              TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
              link.setLinkName(Files.readSymbolicLink(file).toString());
              tar.putArchiveEntry(link);
            } else if (attrs.isRegularFile()) {
              tar.putArchiveEntry(new TarArchiveEntry(file, name, LinkOption.NOFOLLOW_LINKS));
              try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                in.transferTo(tar);
              }
            } else {
              return FileVisitResult.CONTINUE; // sockets, devices: docker skips them too
            }
            tar.closeArchiveEntry();
            return FileVisitResult.CONTINUE;
          }
        });
        tar.finish();
      }
      return new java.io.FilterInputStream(Files.newInputStream(tmp)) {
        @Override
        public void close() throws IOException {
          super.close();
          Files.deleteIfExists(tmp);
        }
      };
    } catch (IOException e) {
      throw new EngineException(Failure.NOT_FOUND, "cp: cannot read " + source + " (" + e.getMessage() + ")");
    }
  }

  /** The entry name: the root renamed to {@code rootName}; null for the root itself when only its contents go. */
  private static String nameOf(Path src, Path p, String rootName, boolean contentsOnly) {
    String rel = src.relativize(p).toString().replace('\\', '/');
    if (rel.isEmpty()) return contentsOnly ? null : rootName;
    return contentsOnly ? rel : rootName + "/" + rel;
  }
}
