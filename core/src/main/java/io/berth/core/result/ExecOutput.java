package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

/** {@code exec} result: separate streams, exit code; {@code truncated} when output hit the cap. */
public record ExecOutput(String container, int exitCode, String stdout, String stderr, boolean truncated)
    implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return r.exec(this);
  }
}
