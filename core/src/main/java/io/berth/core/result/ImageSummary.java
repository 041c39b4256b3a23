package io.berth.core.result;

import java.time.Instant;
import java.util.List;

/** One row of {@code images}. */
public record ImageSummary(String id, List<String> tags, long sizeBytes, Instant created) {
  public ImageSummary {
    tags = List.copyOf(tags);
  }

  public String shortId() {
    String bare = id.startsWith("sha256:") ? id.substring(7) : id;
    return bare.length() > 12 ? bare.substring(0, 12) : bare;
  }
}
