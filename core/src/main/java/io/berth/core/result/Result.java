package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;
import java.util.List;

/**
 * What a successful command produced; surfaces render these, the core never formats for one.
 * Every result says how it reads as docker-like text, so a command that brings a new result
 * brings its text with it (the compiler asks for it).
 */
public interface Result {
  /** The text docker would print, using the renderer's shared formats (times, sizes, tables). */
  String text(PlainTextRenderer r);

  /**
   * The text as a terminal gets it: each part on the stream docker prints it to (a container's stderr on
   * stderr). Most results are all stdout; run, exec and logs keep the container's two streams apart.
   */
  default List<OutputChunk> printed(PlainTextRenderer r) {
    return List.of(OutputChunk.stdout(text(r)));
  }

  /**
   * The exit status a terminal gets for it: 0; 1 when a target failed (docker); the code of the container or
   * process it waited for.
   */
  default int exitStatus() {
    return failed() ? 1 : 0;
  }

  /**
   * docker's {@code Error …} lines for the targets that failed when a command named several
   * (stderr on the CLI); empty when every target succeeded.
   */
  default List<String> errors() {
    return List.of();
  }

  /** True when those errors make the command fail (docker exits 1); {@code rm -f} of a missing container does not. */
  default boolean failed() {
    return !errors().isEmpty();
  }
}
