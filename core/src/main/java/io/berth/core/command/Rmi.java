package io.berth.core.command;

/** {@code rmi [-f] IMAGE}. */
public record Rmi(String image, boolean force) implements DockerRequest {
  @Override
  public String action() {
    return "rmi";
  }

  @Override
  public String target() {
    return image;
  }

  @Override
  public boolean mutates() {
    return true;
  }
}
