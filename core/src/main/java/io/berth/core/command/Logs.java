package io.berth.core.command;

import java.time.Instant;

/**
 * {@code logs [--tail N] [--since DURATION|TIMESTAMP] [--timestamps] CONTAINER}. A null tail
 * means all lines (the core still caps what it returns); a null since means from the start.
 */
public record Logs(String container, Integer tail, Instant since, boolean timestamps)
    implements DockerRequest {
  public Logs {
    if (tail != null && tail < 0) throw new IllegalArgumentException("--tail must be >= 0");
  }

  @Override
  public String action() {
    return "logs";
  }

  @Override
  public String target() {
    return container;
  }

  @Override
  public java.util.Optional<String> targetContainer() {
    return java.util.Optional.of(container);
  }
}
