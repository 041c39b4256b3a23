package io.berth.core.command;

/** {@code stop [-t SECONDS] CONTAINER}; null timeout means the engine default. */
public record Stop(String container, Integer timeoutSeconds) implements DockerRequest {
  @Override
  public String action() {
    return "stop";
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
