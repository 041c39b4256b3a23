package io.berth.web.view;

import io.berth.core.result.ContainerSummary;

/** A row of the containers page: the container and the context it is in (null: the default context). */
public record ListedContainer(String context, ContainerSummary c) {
  /** The row's element id: {@code c-ID}, or {@code c-CTX-ID} in another context (the same id may be in two). */
  public String rowId() {
    return context == null ? "c-" + c.id() : "c-" + context.replaceAll("[^A-Za-z0-9_.-]", "") + "-" + c.id();
  }

  /** What an action names: the id, or {@code CTX/ID} in another context (the core's context/NAME target). */
  public String target() {
    return context == null ? c.shortId() : context + "/" + c.shortId();
  }
}
