package io.berth.bot.chat;

import io.berth.core.result.LogLine;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressLines;

/**
 * The state of a long command as chat shows it: one line per layer (status and percent) and the
 * last few lines of output, in the core's {@link ProgressLines} block. The one progress formatter for every chat
 * platform. {@link ProgressUpdates} guards it.
 */
public final class ProgressBoard {
  static final int KEEP_LINES = 15;
  static final int MAX_LINE = 300;

  private final ProgressLines block = new ProgressLines(KEEP_LINES);

  public void add(Progress progress) {
    if (progress instanceof Progress.Layer l) {
      block.put(l.layerId(), line(l));
    } else if (progress instanceof Progress.Printed printed) {
      // an attached run's or exec's output as it arrives: every line, stderr's labelled
      String label = printed.chunk().stream() == LogLine.Stream.STDERR ? "stderr: " : "";
      printed.chunk().text().lines().filter(l -> !l.isBlank()).forEach(l -> addLine(label + l));
    } else {
      addLine(Progress.describe(progress));
    }
  }

  public void addLine(String text) {
    String t = text.strip();
    block.add(t.length() > MAX_LINE ? t.substring(0, MAX_LINE) + "…" : t);
  }

  /** One layer as a line: {@code a1b2c3: Downloading 42%}. */
  static String line(Progress.Layer l) {
    String amount = l.current() != null && l.total() != null && l.total() > 0 ? " " + (100 * l.current() / l.total()) + "%" : "";
    return l.layerId() + ": " + l.status() + amount;
  }

  public String text() {
    return block.text();
  }
}
