package io.berth.core.command;

/** {@code stats CONTAINER}: one-shot CPU and memory. */
public record Stats(String container) implements DockerRequest {
  @Override
  public String action() {
    return "stats";
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
    return false;
  }
}
