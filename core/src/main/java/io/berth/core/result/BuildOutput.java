package io.berth.core.result;

import java.util.List;

/** {@code build} result: the image id and tag, plus the build log (also streamed as it ran). */
public record BuildOutput(String imageId, String tag, List<String> log) implements Result {
  public BuildOutput {
    log = List.copyOf(log);
  }
}
