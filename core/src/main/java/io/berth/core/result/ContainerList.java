package io.berth.core.result;

import java.util.List;

/** {@code ps} result, already narrowed to the caller's scope. */
public record ContainerList(List<ContainerSummary> containers) implements Result {
  public ContainerList {
    containers = List.copyOf(containers);
  }
}
