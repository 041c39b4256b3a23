package io.berth.web.containers;

import io.berth.core.result.LogLine;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.berth.web.live.SseChannel;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Collects followed log lines and sends them in batches (one SSE message per tick). When lines
 * arrive faster than a page can show, only the newest {@code keep} are sent and the page is told
 * how many were skipped: 100,000 lines in a burst cost the browser at most {@code keep} nodes.
 */
public final class LogBatcher implements Consumer<LogLine> {
  private static final ObjectWriter BATCH = JsonMapper.builder().build().writerFor(Batch.class);
  private final ConcurrentLinkedDeque<String> queue = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final int keep;
  private final SseChannel channel;

  public LogBatcher(int keep, SseChannel channel) {
    this.keep = keep;
    this.channel = channel;
  }

  @Override
  public void accept(LogLine line) {
    String prefix = line.stream() == LogLine.Stream.STDERR ? "e" : "o";
    String ts = line.timestamp() == null ? "" : line.timestamp() + " ";
    queue.addLast(prefix + ts + line.text());
    if (size.incrementAndGet() > keep && queue.pollFirst() != null) {
      size.decrementAndGet();
      skipped.incrementAndGet();
    }
  }

  /** Sends what has accumulated; false once the browser has gone. */
  public boolean flush() {
    if (size.get() == 0) return channel.open();
    return channel.send("lines", nextMessage());
  }

  /** The next message: at most one page's worth, even while the engine keeps adding. */
  String nextMessage() {
    List<String> lines = new ArrayList<>();
    String s;
    for (int n = 0; n < keep && (s = queue.pollFirst()) != null; n++) {
      size.decrementAndGet();
      lines.add(s);
    }
    try {
      return BATCH.writeValueAsString(new Batch(skipped.getAndSet(0), lines));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // strings and a number: it cannot fail
    }
  }

  /** One SSE message: the lines the page is to show, and how many it will never see. */
  record Batch(int skipped, List<String> lines) {}
}
