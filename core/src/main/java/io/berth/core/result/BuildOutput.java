package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

import java.util.List;

/**
 * {@code build} result: the image id, its tags in {@code -t} order (none for an untagged build), the build
 * log (also streamed as it ran; it ends with docker's "Successfully built/tagged" lines) and whether only the
 * id is wanted ({@code -q}).
 */
public record BuildOutput(String imageId, List<String> tags, List<String> log, boolean quiet) implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return r.build(this);
  }

  public BuildOutput {
    tags = List.copyOf(tags);
    log = List.copyOf(log);
  }

  public BuildOutput(String imageId, String tag, List<String> log, boolean quiet) {
    this(imageId, tag == null ? List.of() : List.of(tag), log, quiet);
  }

  public BuildOutput(String imageId, String tag, List<String> log) {
    this(imageId, tag, log, false);
  }

  /** The first tag, or null for an untagged build. */
  public String tag() {
    return tags.isEmpty() ? null : tags.get(0);
  }
}
