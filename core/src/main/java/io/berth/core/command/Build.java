package io.berth.core.command;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code build -t NAME:TAG CONTEXT}: CONTEXT is a directory under a configured build root, or an
 * uploaded tar archive (web uploads) already spooled to a file.
 */
public record Build(String tag, Context context) implements DockerRequest {
  public Build {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(context, "context");
    ImageRef.parse(tag);
  }

  @Override
  public String action() {
    return "build";
  }

  @Override
  public String target() {
    return tag;
  }

  @Override
  public boolean mutates() {
    return true;
  }

  /** Where the build context comes from. */
  public sealed interface Context permits Directory, Tarball {}

  /** A directory as the user named it; the core resolves it against the build roots. */
  public record Directory(String path) implements Context {}

  /** An uploaded tar archive (optionally gzip-compressed). */
  public record Tarball(Path file) implements Context {}
}
