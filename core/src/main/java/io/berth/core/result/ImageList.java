package io.berth.core.result;

import io.berth.core.render.Listings;
import io.berth.core.render.PlainTextRenderer;

import java.util.List;

/** {@code images} result. */
public record ImageList(List<ImageSummary> images, Listings.View view) implements Result {
  public ImageList(List<ImageSummary> images) {
    this(images, Listings.View.DEFAULT);
  }

  @Override
  public String text(PlainTextRenderer r) {
    return r.images(this);
  }

  public ImageList {
    images = List.copyOf(images);
    view = view == null ? Listings.View.DEFAULT : view;
  }
}
