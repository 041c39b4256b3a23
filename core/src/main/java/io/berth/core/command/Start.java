package io.berth.core.command;

/** {@code start CONTAINER}. */
public record Start(String container) implements DockerRequest {
  @Override
  public String action() {
    return "start";
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
