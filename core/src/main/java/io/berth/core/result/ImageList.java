package io.berth.core.result;

import java.util.List;

/** {@code images} result. */
public record ImageList(List<ImageSummary> images) implements Result {
  public ImageList {
    images = List.copyOf(images);
  }
}
