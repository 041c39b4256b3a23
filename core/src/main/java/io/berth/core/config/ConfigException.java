package io.berth.core.config;

/** A configuration that cannot be used; the message is {@code path.to.key: reason (known: ...)}. */
public final class ConfigException extends RuntimeException {
  private final String path;

  public ConfigException(String path, String reason) {
    super(path == null || path.isEmpty() ? reason : path + ": " + reason);
    this.path = path == null ? "" : path;
  }

  /** The dotted key path the problem is at (empty for the file as a whole). */
  public String path() {
    return path;
  }
}
