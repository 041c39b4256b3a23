package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

import java.util.List;

/** {@code logs} result. {@code truncated}: older lines were dropped to stay within the cap. */
public record LogOutput(String container, List<LogLine> lines, boolean truncated) implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return r.logs(this);
  }

  @Override
  public List<OutputChunk> printed(PlainTextRenderer r) {
    return r.logChunks(this);
  }

  public LogOutput {
    lines = List.copyOf(lines);
  }
}
