package io.berth.core.command;

/** {@code restart [-t SECONDS] CONTAINER}. */
public record Restart(String container, Integer timeoutSeconds) implements DockerRequest {
  @Override
  public String action() {
    return "restart";
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
