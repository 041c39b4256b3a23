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
    Map<String, String> networks,
    Object document)
    implements Result {
  /** Without the engine's document (the console's typed view). */
  public ContainerDetails(ContainerSummary summary, String imageId, List<String> command, List<String> env,
      List<String> mounts, String restartPolicy, Integer exitCode, Instant startedAt, Instant finishedAt, String health,
      int restartCount, boolean oomKilled, Map<String, String> networks) {
    this(summary, imageId, command, env, mounts, restartPolicy, exitCode, startedAt, finishedAt, health, restartCount,
        oomKilled, networks, null);
  }

  /** The same details with the engine's inspect document (already masked), which is then what prints. */
  public ContainerDetails withDocument(Object doc) {
    return new ContainerDetails(summary, imageId, command, env, mounts, restartPolicy, exitCode, startedAt, finishedAt,
        health, restartCount, oomKilled, networks, doc);
  }

  @Override
  public String text(PlainTextRenderer r) {
    // docker inspect: a JSON array, four-space indent
    return document == null ? r.details(this) : io.berth.core.render.JsonText.indented(List.of(document), "    ") + "\n";
  }

  public ContainerDetails {
    command = List.copyOf(command);
    env = List.copyOf(env);
    mounts = List.copyOf(mounts);
    networks = Map.copyOf(networks);
  }
}
