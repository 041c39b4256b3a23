package io.berth.core.result;

import io.berth.core.render.Listings;
import io.berth.core.render.PlainTextRenderer;

import java.util.List;

/** {@code ps} result, already narrowed to the caller's scope. */
public record ContainerList(List<ContainerSummary> containers, Listings.View view) implements Result {
  public ContainerList(List<ContainerSummary> containers) {
    this(containers, Listings.View.DEFAULT);
  }

  @Override
  public String text(PlainTextRenderer r) {
    return r.containers(this);
  }

  public ContainerList {
    containers = List.copyOf(containers);
    view = view == null ? Listings.View.DEFAULT : view;
  }
}
