package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

/**
 * start/stop/restart/rm done. {@code changed} is false when the engine said it was already in
 * that state (HTTP 304), which docker reports as success too. {@code given} is the reference as the
 * person typed it, which docker echoes (an id stays an id).
 */
public record ContainerChanged(String action, String containerId, String name, boolean changed, String given)
    implements Result {
  public ContainerChanged(String action, String containerId, String name, boolean changed) {
    this(action, containerId, name, changed, name);
  }

  @Override
  public String text(PlainTextRenderer r) {
    return (given == null ? name : given) + "\n";
  }
}
