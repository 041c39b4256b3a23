package io.berth.core.result;

import java.time.Instant;

/** One log line; timestamp is null unless asked for. */
public record LogLine(Instant timestamp, Stream stream, String text) {
  /** Which output stream the line came from. */
  public enum Stream { STDOUT, STDERR }
}
