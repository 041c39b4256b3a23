package io.berth.core.result;

/** Something that happened while a long command (pull, build, an attached run or exec) was under way. */
public sealed interface Progress permits Progress.Layer, Progress.Line, Progress.Printed {

  /** A pull progress record for one layer: current/total bytes are null when unknown. */
  record Layer(String layerId, String status, Long current, Long total) implements Progress {}

  /** One line of build output or a status message ("Pulling from ...", "Status: ..."). */
  record Line(String text) implements Progress {}

  /** Output an attached run or an exec printed, as it arrives (the result holds it too, capped). */
  record Printed(OutputChunk chunk) implements Progress {}

  /** A one-line description (chat and console progress views). */
  static String describe(Progress p) {
    if (p instanceof Layer l) return (l.layerId() == null ? "" : l.layerId() + ": ") + l.status();
    if (p instanceof Line l) return l.text();
    OutputChunk c = ((Printed) p).chunk();
    String text = c.text().stripTrailing();
    int nl = text.lastIndexOf('\n');
    String last = nl < 0 ? text : text.substring(nl + 1);
    return c.stream() == LogLine.Stream.STDERR ? "stderr: " + last : last;
  }
}
