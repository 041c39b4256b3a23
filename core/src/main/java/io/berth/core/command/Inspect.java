package io.berth.core.command;

/** {@code inspect CONTAINER}. */
public record Inspect(String container) implements DockerRequest {
  @Override
  public String action() {
    return "inspect";
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
