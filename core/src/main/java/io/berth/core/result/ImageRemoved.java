package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

import java.util.List;

/** {@code rmi} result: the lines docker prints (Untagged: ..., Deleted: ...). */
public record ImageRemoved(String image, List<String> lines) implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return String.join("\n", lines) + "\n";
  }

  public ImageRemoved {
    lines = List.copyOf(lines);
  }
}
