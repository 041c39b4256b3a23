package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

import java.util.List;

/** {@code build} result: the image id and tag, plus the build log (also streamed as it ran). */
public record BuildOutput(String imageId, String tag, List<String> log) implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return r.build(this);
  }

  public BuildOutput {
    log = List.copyOf(log);
  }
}
