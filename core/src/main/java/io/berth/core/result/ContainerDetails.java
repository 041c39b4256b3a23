package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code inspect} summary. Environment values are masked by the core before this is built, so
 * no surface can leak them.
 */
public record ContainerDetails(
    ContainerSummary summary,
    String imageId,
    List<String> command,
    List<String> env,
    List<String> mounts,
    String restartPolicy,
    Integer exitCode,
    Instant startedAt,
    Instant finishedAt,
    String health,
    int restartCount,
    boolean oomKilled,
    Map<String, String> networks)
    implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return r.details(this);
  }

  public ContainerDetails {
    command = List.copyOf(command);
    env = List.copyOf(env);
    mounts = List.copyOf(mounts);
    networks = Map.copyOf(networks);
  }
}
