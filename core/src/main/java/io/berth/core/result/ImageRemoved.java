package io.berth.core.result;

import java.util.List;

/** {@code rmi} result: the lines docker prints (Untagged: ..., Deleted: ...). */
public record ImageRemoved(String image, List<String> lines) implements Result {
  public ImageRemoved {
    lines = List.copyOf(lines);
  }
}
