package io.berth.core.result;

import java.util.List;

/** {@code logs} result. {@code truncated}: older lines were dropped to stay within the cap. */
public record LogOutput(String container, List<LogLine> lines, boolean truncated) implements Result {
  public LogOutput {
    lines = List.copyOf(lines);
  }
}
