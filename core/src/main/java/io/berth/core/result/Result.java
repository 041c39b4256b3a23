package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

/**
 * What a successful command produced; surfaces render these, the core never formats for one.
 * Every result says how it reads as docker-like text, so a command that brings a new result
 * brings its text with it (the compiler asks for it).
 */
public interface Result {
  /** The text docker would print, using the renderer's shared formats (times, sizes, tables). */
  String text(PlainTextRenderer r);

  /**
   * docker's {@code Error …} lines for the targets that failed when a command named several
   * (stderr on the CLI); empty when every target succeeded.
   */
  default java.util.List<String> errors() {
    return java.util.List.of();
  }

  /** True when those errors make the command fail (docker exits 1); {@code rm -f} of a missing container does not. */
  default boolean failed() {
    return !errors().isEmpty();
  }
}
