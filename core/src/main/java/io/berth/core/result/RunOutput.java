package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;
import java.util.List;

/**
 * {@code run} result. Detached: exitCode is null and nothing was captured. Attached: what the container
 * printed on each stream (capped by {@link OutputCap}) and its exit code. {@code pulled} is true when the
 * image had to be pulled first.
 */
public record RunOutput(String containerId, String name, boolean pulled, Integer exitCode, CapturedOutput streams)
    implements Result {
  public RunOutput {
    streams = streams == null ? CapturedOutput.EMPTY : streams;
  }

  /** Output given as stdout text only (tests, fakes). */
  public RunOutput(String containerId, String name, boolean pulled, Integer exitCode, String stdout, boolean truncated) {
    this(containerId, name, pulled, exitCode, truncated
        ? new CapturedOutput(List.of(OutputChunk.stdout(stdout)), 1, List.of()) : CapturedOutput.of(stdout, ""));
  }

  @Override
  public int exitStatus() {
    return exitCode == null ? 0 : exitCode;
  }

  @Override
  public String text(PlainTextRenderer r) {
    return r.run(this);
  }

  @Override
  public List<OutputChunk> printed(PlainTextRenderer r) {
    return detached() ? Result.super.printed(r) : streams.chunks();
  }

  /** Both streams as they arrived, with the cut marker if output was capped. */
  public String output() {
    return streams.text();
  }

  public boolean truncated() {
    return streams.truncated();
  }

  public boolean detached() {
    return exitCode == null;
  }
}
