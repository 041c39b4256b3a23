package io.berth.core.config;

import java.nio.file.Path;
import java.util.List;

/** Directories a {@code build CONTEXT} path must lie under. */
public record BuildSettings(List<Path> roots) {
  public static final BuildSettings DEFAULTS = new BuildSettings(List.of(Path.of("build")));

  public BuildSettings {
    roots = List.copyOf(roots);
  }
}
