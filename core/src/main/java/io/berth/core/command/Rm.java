package io.berth.core.command;

/** {@code rm [-f] [-v] CONTAINER}: a running container without {@code -f} is refused, as docker does. */
public record Rm(String container, boolean force, boolean volumes) implements DockerRequest {
  @Override
  public String action() {
    return "rm";
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
