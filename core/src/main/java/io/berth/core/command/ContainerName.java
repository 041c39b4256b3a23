package io.berth.core.command;

import java.util.regex.Pattern;

/**
 * A container name by Docker's grammar ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}, the daemon's
 * "restricted name", which volume and network names share), and the one check for anything that
 * names a container or an engine object in an Engine API path: a name, or an id or id prefix.
 * Values outside it never reach the engine (see {@link ImageRef} for why escaping is not enough).
 */
public record ContainerName(String value) {
  private static final Pattern RESTRICTED_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final Pattern ID_PREFIX = Pattern.compile("[0-9a-f]{1,64}");
  private static final Pattern ENGINE_ID = Pattern.compile("[0-9a-f]{64}");

  public ContainerName {
    if (!isName(value)) {
      throw new IllegalArgumentException("Invalid container name (" + value + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
  }

  /** Docker's name grammar: containers ({@code --name}), volumes and networks. */
  public static boolean isName(String value) {
    return value != null && RESTRICTED_NAME.matcher(value).matches();
  }

  /** A reference to an existing container: a name (docker also accepts {@code /name}) or an id prefix. */
  public static boolean isReference(String value) {
    if (value == null) return false;
    String v = value.startsWith("/") ? value.substring(1) : value;
    return isName(v) || ID_PREFIX.matcher(v).matches();
  }

  /** A network or volume by name or id (prefix), as an Engine API path may hold it: unlike a container, never with "/". */
  public static boolean isObjectReference(String value) {
    return value != null && (isName(value) || ID_PREFIX.matcher(value).matches());
  }

  /** An id the engine handed out (container, exec): 64 lowercase hex digits. */
  public static boolean isEngineId(String value) {
    return value != null && ENGINE_ID.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
