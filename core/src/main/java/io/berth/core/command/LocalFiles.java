package io.berth.core.command;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The caller's own side of a {@code cp}: the files of the person at the terminal, their stdin and
 * stdout. Only the local CLI has one ({@code ./berth docker cp} runs as that person); chat and the
 * console have no local files, so {@code cp} there cannot name any.
 */
public interface LocalFiles {
  /** Where {@code cp CONTAINER:SRC -} writes its tar stream. */
  OutputStream stdout();

  /** What {@code cp - CONTAINER:DEST} reads its tar stream from. */
  InputStream stdin();

  /** True when {@code path} exists and is a directory (symbolic links followed, as docker does for DEST). */
  boolean isDirectory(String path);

  /** True when something exists at {@code path}. */
  boolean exists(String path);

  /**
   * Unpacks a container's archive at {@code dest} by docker cp's rules: into an existing directory,
   * or as {@code dest} itself when it does not exist yet (its parent must); {@code contentsOnly}
   * ({@code SRC/.}) unpacks what the archived directory holds. Refuses, before writing it, any entry
   * that would land outside {@code dest} ({@code ..}, absolute names, links leading out, writing
   * through a link). Returns the bytes written.
   */
  long extract(InputStream tar, String dest, boolean contentsOnly);

  /**
   * A tar archive of the local {@code source}, its root entry named {@code rootName} (or, with
   * {@code contentsOnly}, the directory's entries at the top). Links are archived as links.
   */
  InputStream archive(String source, String rootName, boolean contentsOnly);
}
