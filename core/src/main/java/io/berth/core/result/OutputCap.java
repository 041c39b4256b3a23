package io.berth.core.result;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one byte cap on what a container prints (engine.maxOutputBytes), used by run, exec and logs and by the
 * CLI while it streams: the first half of the budget is kept (and handed to {@code live} as it arrives), the
 * last half is a window that slides over the rest, and what falls out of it is counted, never silently lost.
 * Thread-safe: engine threads call {@link #accept} while a caller may read {@link #output()}.
 */
public final class OutputCap {
  private final long headMax;
  private final long tailMax;
  private final Consumer<OutputChunk> live;
  private final List<OutputChunk> head = new ArrayList<>();
  private final ArrayDeque<Piece> tail = new ArrayDeque<>();
  private long headBytes;
  private long tailBytes;
  private long omitted;

  public OutputCap(long maxBytes) {
    this(maxBytes, c -> { });
  }

  /** @param live receives the kept head as it arrives (the tail only exists once output ended: {@link #output()}) */
  public OutputCap(long maxBytes, Consumer<OutputChunk> live) {
    if (maxBytes < 2) throw new IllegalArgumentException("maxBytes must be at least 2, not " + maxBytes);
    this.headMax = maxBytes / 2;
    this.tailMax = maxBytes - headMax;
    this.live = live;
  }

  public void accept(OutputChunk chunk) {
    accept(chunk.stream(), chunk.text().getBytes(StandardCharsets.UTF_8));
  }

  public void accept(LogLine.Stream stream, byte[] bytes) {
    OutputChunk toHead = null;
    synchronized (this) {
      int offset = 0;
      if (headBytes < headMax && tail.isEmpty()) {
        int n = (int) Math.min(bytes.length, headMax - headBytes);
        toHead = new OutputChunk(stream, new String(bytes, 0, n, StandardCharsets.UTF_8));
        head.add(toHead);
        headBytes += n;
        offset = n;
      }
      if (offset < bytes.length) {
        tail.addLast(new Piece(stream, Arrays.copyOfRange(bytes, offset, bytes.length)));
        tailBytes += bytes.length - offset;
        slide();
      }
    }
    if (toHead != null && !toHead.text().isEmpty()) live.accept(toHead);
  }

  /** Drops the oldest tail bytes beyond the tail budget, counting them. */
  private void slide() {
    while (tailBytes > tailMax) {
      Piece first = tail.peekFirst();
      long excess = tailBytes - tailMax;
      if (first.bytes.length <= excess) {
        tail.removeFirst();
        tailBytes -= first.bytes.length;
        omitted += first.bytes.length;
      } else {
        int cut = (int) excess;
        tail.removeFirst();
        tail.addFirst(new Piece(first.stream, Arrays.copyOfRange(first.bytes, cut, first.bytes.length)));
        tailBytes -= cut;
        omitted += cut;
      }
    }
  }

  /** What was kept so far (callable at any time, e.g. when a run times out). */
  public synchronized CapturedOutput output() {
    List<OutputChunk> t = new ArrayList<>(tail.size());
    for (Piece p : tail) t.add(new OutputChunk(p.stream, new String(p.bytes, StandardCharsets.UTF_8)));
    return new CapturedOutput(head, omitted, t);
  }

  private record Piece(LogLine.Stream stream, byte[] bytes) {}
}
