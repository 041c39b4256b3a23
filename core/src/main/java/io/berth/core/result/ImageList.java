package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

import java.util.List;

/** {@code images} result. */
public record ImageList(List<ImageSummary> images) implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return r.images(this);
  }

  public ImageList {
    images = List.copyOf(images);
  }
}
