package io.berth.core.command;

/** {@code images [-a]}. */
public record Images(boolean all) implements DockerRequest {
  @Override
  public String action() {
    return "images";
  }
}
