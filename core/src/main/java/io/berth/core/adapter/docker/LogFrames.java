package io.berth.core.adapter.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.berth.core.result.LogLine;
import io.berth.core.result.OutputChunk;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * Turns the engine's multiplexed log frames into {@link LogLine}s. Berth always asks the engine for
 * timestamps (so {@code --since} can be exact to the nanosecond) and drops them afterwards unless the
 * user asked for them.
 */
final class LogFrames {
  private final boolean keepTimestamps;
  private final Instant since;
  private final Consumer<LogLine> sink;
  private final StringBuilder pendingOut = new StringBuilder();
  private final StringBuilder pendingErr = new StringBuilder();

  LogFrames(boolean keepTimestamps, Instant since, Consumer<LogLine> sink) {
    this.keepTimestamps = keepTimestamps;
    this.since = since;
    this.sink = sink;
  }

  /** A frame of an attach or exec stream as a chunk of output; null for stdin and unknown frames. */
  static OutputChunk chunk(Frame frame) {
    StreamType type = frame.getStreamType();
    if (type != StreamType.STDOUT && type != StreamType.STDERR && type != StreamType.RAW) return null;
    LogLine.Stream stream = type == StreamType.STDERR ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT;
    return new OutputChunk(stream, new String(frame.getPayload(), StandardCharsets.UTF_8));
  }

  /**
   * Reads an Engine API log body into frames: docker's multiplexed stream (an 8-byte header — stream 0, 1 or 2, three
   * zero bytes, the payload's length big-endian — then the payload), or, for a TTY's log that has no headers, the
   * bytes as they are (RAW).
   */
  static void demultiplex(java.io.InputStream in, Consumer<Frame> sink) throws java.io.IOException {
    byte[] header = in.readNBytes(8);
    boolean multiplexed = header.length == 8 && header[0] >= 0 && header[0] <= 2 && header[1] == 0 && header[2] == 0
        && header[3] == 0;
    if (!multiplexed) {
      byte[] rest = in.readAllBytes();
      byte[] all = java.util.Arrays.copyOf(header, header.length + rest.length);
      System.arraycopy(rest, 0, all, header.length, rest.length);
      if (all.length > 0) sink.accept(new Frame(StreamType.RAW, all));
      return;
    }
    while (header.length == 8) {
      int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
      byte[] payload = in.readNBytes(size);
      StreamType type = header[0] == 2 ? StreamType.STDERR : header[0] == 1 ? StreamType.STDOUT : StreamType.STDIN;
      sink.accept(new Frame(type, payload));
      header = in.readNBytes(8);
    }
  }

  void accept(Frame frame) {
    if (frame.getStreamType() != StreamType.STDOUT && frame.getStreamType() != StreamType.STDERR
        && frame.getStreamType() != StreamType.RAW) {
      return;
    }
    LogLine.Stream stream = frame.getStreamType() == StreamType.STDERR ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT;
    StringBuilder pending = stream == LogLine.Stream.STDERR ? pendingErr : pendingOut;
    pending.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
    int nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      String line = pending.substring(0, nl);
      pending.delete(0, nl + 1);
      emit(stream, line);
    }
  }

  /** A last line without a trailing newline. */
  void flush() {
    if (pendingOut.length() > 0) emit(LogLine.Stream.STDOUT, pendingOut.toString());
    if (pendingErr.length() > 0) emit(LogLine.Stream.STDERR, pendingErr.toString());
    pendingOut.setLength(0);
    pendingErr.setLength(0);
  }

  private void emit(LogLine.Stream stream, String raw) {
    if (raw.endsWith("\r")) raw = raw.substring(0, raw.length() - 1);
    Instant ts = null;
    String text = raw;
    int sp = raw.indexOf(' ');
    if (sp > 0) {
      try {
        ts = Instant.parse(raw.substring(0, sp));
        text = raw.substring(sp + 1);
      } catch (DateTimeParseException e) {
        ts = null; // a line without the engine's timestamp prefix: keep it whole
      }
    }
    if (since != null && ts != null && ts.isBefore(since)) return;
    sink.accept(new LogLine(keepTimestamps ? ts : null, stream, text));
  }
}
