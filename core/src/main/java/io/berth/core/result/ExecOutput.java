package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;
import java.util.List;

/** {@code exec} result: what the process printed on each stream (capped by {@link OutputCap}) and its exit code. */
public record ExecOutput(String container, int exitCode, CapturedOutput streams) implements Result {
  public ExecOutput {
    streams = streams == null ? CapturedOutput.EMPTY : streams;
  }

  /** Output given as its two streams (tests, fakes); {@code truncated} marks it as cut. */
  public ExecOutput(String container, int exitCode, String stdout, String stderr, boolean truncated) {
    this(container, exitCode, truncated
        ? new CapturedOutput(CapturedOutput.of(stdout, stderr).head(), 1, List.of()) : CapturedOutput.of(stdout, stderr));
  }

  @Override
  public int exitStatus() {
    return exitCode;
  }

  @Override
  public String text(PlainTextRenderer r) {
    return r.exec(this);
  }

  @Override
  public List<OutputChunk> printed(PlainTextRenderer r) {
    return streams.chunks();
  }

  public String stdout() {
    return streams.stdout();
  }

  public String stderr() {
    return streams.stderr();
  }

  public boolean truncated() {
    return streams.truncated();
  }
}
