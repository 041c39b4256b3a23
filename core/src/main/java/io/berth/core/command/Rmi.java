package io.berth.core.command;

/** {@code rmi [-f] IMAGE}. */
public record Rmi(String image, boolean force) implements DockerRequest {
  /** @throws ImageRef.InvalidReference unless a reference or an image id by docker's grammar */
  public Rmi {
    ImageRef.parseAny(image);
  }

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
