package io.berth.core.adapter.docker;

import com.github.dockerjava.core.GoLangFileMatch;
import com.github.dockerjava.core.dockerfile.Dockerfile;
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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a build context directory as the tar docker's build API takes, the way the docker CLI
 * does: {@code .dockerignore} honoured, symbolic links stored as links and never followed. A link
 * that leads outside the context is refused, naming it: docker-java's own archiver followed links,
 * so a link to {@code /etc} put the host's files into the image.
 */
final class BuildContextArchive {
  private static final List<String> ALWAYS_SENT = List.of("Dockerfile", ".dockerignore");

  private BuildContextArchive() {}

  /**
   * Writes {@code context} (a real path: no link in it) as a tar to {@code out}; {@code dockerfile}
   * (relative to it; null: {@code Dockerfile}) is sent even when {@code .dockerignore} lists it.
   */
  static void write(Path context, String dockerfile, OutputStream out) throws IOException {
    List<String> ignores = ignores(context);
    List<String> alwaysSent = dockerfile == null ? ALWAYS_SENT : List.of("Dockerfile", ".dockerignore", dockerfile);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      Files.walkFileTree(context, new SimpleFileVisitor<>() { // no FOLLOW_LINKS: links arrive as links
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          if (dir.equals(context)) return FileVisitResult.CONTINUE;
          String name = name(context, dir);
          if (ignored(ignores, name) && ignores.stream().noneMatch(p -> p.startsWith("!"))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          tar.putArchiveEntry(new TarArchiveEntry(dir, name + "/", LinkOption.NOFOLLOW_LINKS));
          tar.closeArchiveEntry();
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String name = name(context, file);
          if (ignored(ignores, name) && !alwaysSent.contains(name)) return FileVisitResult.CONTINUE;
          if (attrs.isSymbolicLink()) {
            addLink(tar, context, file, name);
          } else if (attrs.isRegularFile()) {
            addFile(tar, context, file, name);
          } else {
            throw refused("build: " + name + " is not a regular file, directory or symbolic link; remove it from the "
                + "build context or list it in .dockerignore");
          }
          return FileVisitResult.CONTINUE;
        }
      });
      tar.finish();
    }
  }

  private static void addLink(TarArchiveOutputStream tar, Path context, Path link, String name) throws IOException {
    Path target = Files.readSymbolicLink(link);
    // where the link points, as written and as it resolves now (a chain of links may leave later)
    boolean inside = link.getParent().resolve(target).normalize().startsWith(context)
        && (!Files.exists(link) || link.toRealPath().startsWith(context));
    if (!inside) {
      throw refused("build: symbolic link " + name + " -> " + target + " leads outside the build context; Berth does "
          + "not send files from outside it (remove the link, point it inside the context, or list it in .dockerignore)");
    }
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    entry.setLinkName(target.toString());
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void addFile(TarArchiveOutputStream tar, Path context, Path file, String name) throws IOException {
    tar.putArchiveEntry(new TarArchiveEntry(file, name, LinkOption.NOFOLLOW_LINKS));
    // NOFOLLOW_LINKS on open too: a file swapped for a link since the walk is refused, not followed
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      in.transferTo(tar);
    } catch (IOException e) {
      throw refused("build: cannot read " + name + " in the build context (" + e.getMessage() + ")");
    }
    tar.closeArchiveEntry();
  }

  private static List<String> ignores(Path context) throws IOException {
    if (!Files.isRegularFile(context.resolve(".dockerignore"), LinkOption.NOFOLLOW_LINKS)) return List.of();
    return new Dockerfile(context.resolve("Dockerfile").toFile(), context.toFile()).getIgnores();
  }

  /** docker's rule: the last matching pattern wins; a {@code !pattern} match keeps the file. */
  private static boolean ignored(List<String> ignores, String name) {
    String last = null;
    for (String p : ignores) {
      if (GoLangFileMatch.match(p.startsWith("!") ? p.substring(1) : p, name)) last = p;
    }
    return last != null && !last.startsWith("!");
  }

  private static String name(Path context, Path p) {
    return context.relativize(p).toString().replace('\\', '/');
  }

  private static EngineException refused(String message) {
    return new EngineException(Failure.INVALID, message);
  }
}
