package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;
import java.util.List;

/**
 * A command that acted on several targets: what each success printed (in order), docker's error
 * line for each target that failed, and whether those failures make the command fail.
 */
public record TargetsDone(String action, List<String> lines, List<String> errors, boolean failed) implements Result {
  public TargetsDone {
    lines = List.copyOf(lines);
    errors = List.copyOf(errors);
  }

  @Override
  public String text(PlainTextRenderer r) {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }
}
