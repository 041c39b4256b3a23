package io.berth.core.command;

import java.util.List;

/** {@code exec [-e K=V] [-w DIR] CONTAINER CMD...}: non-interactive, bounded by time and size. */
public record Exec(String container, List<String> command, List<Run.EnvVar> env, String workdir)
    implements DockerRequest {
  public Exec {
    command = List.copyOf(command);
    env = List.copyOf(env);
    if (command.isEmpty()) throw new IllegalArgumentException("exec needs a COMMAND");
  }

  @Override
  public String action() {
    return "exec";
  }

  @Override
  public String target() {
    return container;
  }

  @Override
  public java.util.Optional<String> targetContainer() {
    return java.util.Optional.of(container);
  }

  @Override
  public boolean mutates() {
    return true;
  }
}
