package io.berth.app;

import io.berth.core.result.CapturedOutput;
import io.berth.core.result.LogLine;
import io.berth.core.result.OutputCap;
import io.berth.core.result.OutputChunk;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code ./berth docker} prints while a command runs and when it ends, as docker prints it: a container's
 * stdout on stdout and its stderr on stderr, as it arrives (attached run, exec), within engine.maxOutputBytes
 * ({@link OutputCap}: the first half streams live, the last half follows at the end after the marker saying
 * how much was dropped); pull progress on stderr, build's step log on stdout (it is build's output).
 */
final class TerminalOutput implements ProgressListener {
  private final PrintWriter out;
  private final PrintWriter err;
  private final OutputCap cap;
  private final boolean progressIsOutput;
  private boolean streamed;

  /** {@code progressIsOutput}: the command's status lines are its output (build), on stdout and not repeated. */
  TerminalOutput(PrintWriter out, PrintWriter err, long maxOutputBytes, boolean progressIsOutput) {
    this.out = out;
    this.err = err;
    this.cap = new OutputCap(maxOutputBytes, this::print);
    this.progressIsOutput = progressIsOutput;
  }

  @Override
  public void on(Progress p) {
    if (p instanceof Progress.Printed printed) {
      synchronized (this) {
        streamed = true;
      }
      cap.accept(printed.chunk());
      return;
    }
    synchronized (this) {
      if (p instanceof Progress.Line l && progressIsOutput) {
        streamed = true;
        out.println(l.text());
        out.flush();
      } else if (p instanceof Progress.Line l) {
        err.println(l.text());
      } else if (p instanceof Progress.Layer layer && layer.status() != null
          && (layer.current() == null || layer.status().contains("complete"))) {
        err.println((layer.layerId() == null ? "" : layer.layerId() + ": ") + layer.status());
      }
      err.flush();
    }
  }

  /** A terminal shows output as it comes for as long as the command runs, and Ctrl-C stops it. */
  @Override
  public boolean follows() {
    return true;
  }

  /** True once a container's output streamed here: the result holds it again and must not be printed twice. */
  synchronized boolean streamed() {
    return streamed;
  }

  /** After a streamed command: the marker where output was cut (on stderr) and the tail that was held back. */
  void finishStream() {
    CapturedOutput o = cap.output();
    List<OutputChunk> chunks = o.chunks();
    print(chunks.subList(o.head().size(), chunks.size()));
  }

  void print(List<OutputChunk> chunks) {
    chunks.forEach(this::print);
  }

  private synchronized void print(OutputChunk chunk) {
    PrintWriter to = chunk.stream() == LogLine.Stream.STDERR ? err : out;
    to.print(chunk.text());
    to.flush();
  }
}
