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
}
