package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

/**
 * {@code run} result. Detached: exitCode is null and output empty. Attached: the container's
 * combined output (capped; {@code truncated} says so) and its exit code. {@code pulled} is true
 * when the image had to be pulled first.
 */
public record RunOutput(
    String containerId, String name, boolean pulled, Integer exitCode, String output, boolean truncated)
    implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return r.run(this);
  }

  public boolean detached() {
    return exitCode == null;
  }
}
