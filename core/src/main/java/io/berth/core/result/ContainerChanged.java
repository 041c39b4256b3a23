package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

/**
 * start/stop/restart/rm done. {@code changed} is false when the engine said it was already in
 * that state (HTTP 304), which docker reports as success too.
 */
public record ContainerChanged(String action, String containerId, String name, boolean changed)
    implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return name() + "\n";
  }
}
