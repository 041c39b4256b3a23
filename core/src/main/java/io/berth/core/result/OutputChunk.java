package io.berth.core.result;

/** A piece of what a container (or an exec'd process) printed, on the stream it printed it to. */
public record OutputChunk(LogLine.Stream stream, String text) {
  public OutputChunk {
    if (stream == null) throw new IllegalArgumentException("stream");
    text = text == null ? "" : text;
  }

  public static OutputChunk stdout(String text) {
    return new OutputChunk(LogLine.Stream.STDOUT, text);
  }

  public static OutputChunk stderr(String text) {
    return new OutputChunk(LogLine.Stream.STDERR, text);
  }
}
