package io.berth.core.result;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A long command's progress as a block of text, the way docker's terminal shows it: keyed lines (a layer, a
 * rollout's {@code overall progress} or slot) rewritten in place, in the order they first came, then the last
 * {@code keep} other lines. Surfaces decide what each line says and how the block is shown (chat's message, the
 * console's rollout panel); this is only the block. Thread-safe: a command's thread writes, a sender reads.
 */
public final class ProgressLines {
  private final int keep;
  private final Map<String, String> keyed = new LinkedHashMap<>();
  private final Deque<String> lines = new ArrayDeque<>();

  public ProgressLines(int keep) {
    if (keep < 1) throw new IllegalArgumentException("keep at least one line");
    this.keep = keep;
  }

  /** Sets the line of {@code key}: in place if it has one, else after the other keyed lines. */
  public synchronized void put(String key, String line) {
    keyed.put(key, line);
  }

  /** Adds a line after the keyed ones, dropping the oldest beyond {@code keep}. */
  public synchronized void add(String line) {
    lines.addLast(line);
    while (lines.size() > keep) lines.removeFirst();
  }

  /** The block: every keyed line, then the kept lines, each ending in a newline. */
  public synchronized String text() {
    StringBuilder sb = new StringBuilder();
    keyed.values().forEach(v -> sb.append(v).append('\n'));
    lines.forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }
}
