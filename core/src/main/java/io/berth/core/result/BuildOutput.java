package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

import java.util.List;

/**
 * {@code build} result: the image id, the tag (null for an untagged build), the build log (also
 * streamed as it ran; it ends with docker's "Successfully built/tagged" lines) and whether only the
 * id is wanted ({@code -q}).
 */
public record BuildOutput(String imageId, String tag, List<String> log, boolean quiet) implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return r.build(this);
  }

  public BuildOutput {
    log = List.copyOf(log);
  }

  public BuildOutput(String imageId, String tag, List<String> log) {
    this(imageId, tag, log, false);
  }
}
