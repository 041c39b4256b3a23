package io.berth.core.notify;

import java.time.Instant;
import java.util.List;

/** Something about a container that a channel asked to hear about. */
public record Alert(
    Kind kind, String containerId, String containerName, Instant time, Integer exitCode, String summary,
    List<String> lastLogLines) {
  public Alert {
    lastLogLines = List.copyOf(lastLogLines);
  }

  /** The alert kinds, named as in the configuration's notify.events. */
  public enum Kind {
    DIED("die"), OOM_KILLED("oom"), UNHEALTHY("unhealthy"), RESTART_LOOP("restart-loop");

    private final String configName;

    Kind(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }
  }

  /**
   * The alert of an engine in {@code context}, its container named {@code context/NAME} (the target form every
   * surface takes): "prod/web-1 died with exit code 1", and its Logs and Restart buttons act in that context.
   */
  public Alert inContext(String context) {
    return new Alert(kind, containerId, context + "/" + containerName, time, exitCode, summary, lastLogLines);
  }

  public Alert withLogs(List<String> lines) {
    return new Alert(kind, containerId, containerName, time, exitCode, summary, lines);
  }
}
