package io.berth.web.view;

import io.berth.core.result.ContainerSummary;

/** A row of the containers page: the container and the context it is in (null: the default context). */
public record ListedContainer(String context, ContainerSummary c) {
  /**
   * The row's element id: {@code c-ID}, or {@code c-CTX-ID} in another context (the same id may be in two). Only
   * letters, digits, {@code _} and {@code -}: htmx finds rows by {@code #id}, where a {@code .} or {@code +} of a
   * context name would be CSS.
   */
  public String rowId() {
    return rowId(context, c.id());
  }

  public static String rowId(String context, String id) {
    String safeId = id.replaceAll("[^A-Za-z0-9_-]", "_");
    return context == null ? "c-" + safeId : "c-" + context.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + safeId;
  }

  /** What an action names: the id, or {@code CTX/ID} in another context (the core's context/NAME target). */
  public String target() {
    return context == null ? c.shortId() : context + "/" + c.shortId();
  }

  /** The container's page. */
  public String path() {
    return ContextChoice.containerPath(context, c.id());
  }
}
