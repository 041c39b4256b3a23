package io.berth.core.adapter.docker;

import io.berth.core.result.ImageSummary;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The engine's image list ({@code GET /images/json}) read straight from its JSON ({@link PlainJson}), as {@code docker images} shows it. */
final class ImageRows {
  private ImageRows() {}

  static List<ImageSummary> read(InputStream body) throws IOException {
    List<ImageSummary> rows = new ArrayList<>();
    for (Object o : PlainJson.list(PlainJson.read(body))) rows.add(row(PlainJson.map(o)));
    return rows;
  }

  /** An untagged image's engine tag {@code <none>:<none>} is no tag (docker prints its own {@code <none>} columns). */
  static ImageSummary row(Map<String, Object> i) {
    List<String> tags = PlainJson.strings(i.get("RepoTags")).stream().filter(t -> !"<none>:<none>".equals(t)).toList();
    return new ImageSummary(PlainJson.string(i.get("Id")), tags,
        i.get("Size") instanceof Number n ? n.longValue() : 0,
        i.get("Created") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : Instant.EPOCH);
  }
}
