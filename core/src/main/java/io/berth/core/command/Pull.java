package io.berth.core.command;

/** {@code pull IMAGE[:TAG]}: progress is streamed to the caller's progress sink. */
public record Pull(String image) implements DockerRequest {
  /** @throws ImageRef.InvalidReference for anything outside docker's reference grammar */
  public Pull {
    ImageRef.parse(image);
  }

  @Override
  public String action() {
    return "pull";
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
