package io.berth.core.adapter.docker;

/**
 * {@code IMAGE[:TAG]} or {@code IMAGE@DIGEST} split into repository and tag. A colon belongs to
 * the tag only after the last slash, so {@code localhost:5000/x} has no tag (latest).
 */
record ImageReference(String repository, String tag) {
  ImageReference {
    if (repository == null || repository.isBlank()) throw new IllegalArgumentException("empty image name");
  }

  static ImageReference parse(String image) {
    String s = image.trim();
    int at = s.indexOf('@');
    if (at >= 0) return new ImageReference(s.substring(0, at), s.substring(at + 1));
    int slash = s.lastIndexOf('/');
    int colon = s.lastIndexOf(':');
    if (colon > slash) return new ImageReference(s.substring(0, colon), s.substring(colon + 1));
    return new ImageReference(s, "latest");
  }

  @Override
  public String toString() {
    return tag.startsWith("sha256:") ? repository + "@" + tag : repository + ":" + tag;
  }
}
