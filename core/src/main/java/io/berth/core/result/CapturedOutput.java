package io.berth.core.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a container or an exec'd process printed, each chunk on its own stream, in the order it arrived,
 * bounded by {@link OutputCap}: the first and the last part are kept, and {@code omittedBytes} counts what
 * was dropped between them ({@link #marker()} says so where the cut is).
 */
public record CapturedOutput(List<OutputChunk> head, long omittedBytes, List<OutputChunk> tail) {
  public static final CapturedOutput EMPTY = new CapturedOutput(List.of(), 0, List.of());

  public CapturedOutput {
    head = List.copyOf(head);
    tail = List.copyOf(tail);
    if (omittedBytes < 0) throw new IllegalArgumentException("omittedBytes < 0");
  }

  /** Uncapped output given as its two streams (stdout first). */
  public static CapturedOutput of(String stdout, String stderr) {
    List<OutputChunk> chunks = new ArrayList<>(2);
    if (stdout != null && !stdout.isEmpty()) chunks.add(OutputChunk.stdout(stdout));
    if (stderr != null && !stderr.isEmpty()) chunks.add(OutputChunk.stderr(stderr));
    return new CapturedOutput(chunks, 0, List.of());
  }

  public boolean truncated() {
    return omittedBytes > 0;
  }

  public boolean isEmpty() {
    return head.isEmpty() && tail.isEmpty() && omittedBytes == 0;
  }

  /** Everything the container wrote to stdout that was kept. */
  public String stdout() {
    return of(LogLine.Stream.STDOUT);
  }

  /** Everything the container wrote to stderr that was kept. */
  public String stderr() {
    return of(LogLine.Stream.STDERR);
  }

  private String of(LogLine.Stream stream) {
    StringBuilder sb = new StringBuilder();
    for (OutputChunk c : head) if (c.stream() == stream) sb.append(c.text());
    for (OutputChunk c : tail) if (c.stream() == stream) sb.append(c.text());
    return sb.toString();
  }

  /** Both streams interleaved as they arrived, with the marker line where output was cut. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    head.forEach(c -> sb.append(c.text()));
    if (truncated()) {
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
      sb.append(marker()).append('\n');
    }
    tail.forEach(c -> sb.append(c.text()));
    return sb.toString();
  }

  /** The chunks in order with the marker (on stderr, so a script's stdout stays the container's) where output was cut. */
  public List<OutputChunk> chunks() {
    List<OutputChunk> all = new ArrayList<>(head.size() + tail.size() + 1);
    all.addAll(head);
    if (truncated()) all.add(OutputChunk.stderr(markerLine(head)));
    all.addAll(tail);
    return all;
  }

  private String markerLine(List<OutputChunk> before) {
    boolean midLine = !before.isEmpty() && !before.get(before.size() - 1).text().endsWith("\n");
    return (midLine ? "\n" : "") + marker() + "\n";
  }

  /** The visible marker where output was cut, saying how much was dropped. */
  public String marker() {
    return marker(omittedBytes);
  }

  /** The marker text for {@code omitted} bytes dropped. */
  public static String marker(long omitted) {
    return "[berth: " + String.format(Locale.ROOT, "%,d", omitted) + " bytes of output omitted here"
        + " (engine.maxOutputBytes keeps the first and the last part)]";
  }
}
