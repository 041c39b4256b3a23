package io.berth.core.model;

/** The surface a request came through. */
public enum Source {
  SLACK, DISCORD, WEB, CLI;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
