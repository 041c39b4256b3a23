package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

/** {@code help} result: generated from the same definitions the parser uses. */
public record HelpText(String text) implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return text.endsWith("\n") ? text : text + "\n";
  }
}
