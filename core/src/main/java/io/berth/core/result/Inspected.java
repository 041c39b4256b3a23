package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;
import java.util.List;

/**
 * {@code inspect} of several objects, or with {@code --format}: the text docker prints (one JSON
 * array, or one line per object) and an error line per object that was not found.
 */
public record Inspected(String output, List<String> errors) implements Result {
  public Inspected {
    errors = List.copyOf(errors);
  }

  @Override
  public String text(PlainTextRenderer r) {
    return output;
  }
}
