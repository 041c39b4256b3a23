package io.berth.core.result;

/**
 * Whether an engine stream is connected: reported when a stream loses its engine (it keeps
 * reconnecting) and when it is back, so a surface can say so instead of silently waiting.
 */
public record EngineStatus(boolean reachable, String detail) {
  public static EngineStatus lost(String detail) {
    return new EngineStatus(false, detail);
  }

  public static EngineStatus back(String detail) {
    return new EngineStatus(true, detail);
  }
}
