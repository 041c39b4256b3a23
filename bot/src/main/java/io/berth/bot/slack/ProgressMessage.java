package io.berth.bot.slack;

import io.berth.core.LogSafe;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows pull/build progress as ONE message: posted on the first progress event, then edited with
 * chat.update at most once per interval, so a long pull never floods the channel.
 */
final class ProgressMessage implements ProgressListener {
  private static final Logger log = LoggerFactory.getLogger(ProgressMessage.class);
  private static final int KEEP_LINES = 15;

  private final SlackWebApi api;
  private final String channel;
  private final String title;
  private final ScheduledExecutorService scheduler;
  private final Duration interval;
  private final Map<String, String> layers = new LinkedHashMap<>();
  private final Deque<String> lines = new ArrayDeque<>();
  private boolean dirty;
  private boolean failed;
  private String ts;
  private ScheduledFuture<?> flusher;

  ProgressMessage(SlackWebApi api, String channel, String title, ScheduledExecutorService scheduler, Duration interval) {
    this.api = api;
    this.channel = channel;
    this.title = title;
    this.scheduler = scheduler;
    this.interval = interval;
  }

  @Override
  public void on(Progress progress) {
    synchronized (this) {
      if (progress instanceof Progress.Layer l) {
        String amount = l.current() != null && l.total() != null && l.total() > 0
            ? String.format(" %d%%", 100 * l.current() / l.total()) : "";
        layers.put(l.layerId(), l.status() + amount);
      } else {
        lines.addLast(Progress.describe(progress)); // a status line, or the output of an attached run or exec
        while (lines.size() > KEEP_LINES) lines.removeFirst();
      }
      dirty = true;
      if (flusher == null && channel != null) {
        // The first post happens on the scheduler too, so engine threads never wait on Slack.
        flusher = scheduler.scheduleWithFixedDelay(this::flush, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Stops the updates and writes the final state (with {@code footer}) if a message was posted. */
  void finish(String footer) {
    ScheduledFuture<?> f;
    synchronized (this) {
      f = flusher;
      if (f == null) return;
      lines.addLast(footer);
      dirty = true;
    }
    f.cancel(false);
    flush();
  }

  synchronized boolean started() {
    return flusher != null;
  }

  private void flush() {
    SlackMessage message;
    String currentTs;
    synchronized (this) {
      if (!dirty || failed) return;
      dirty = false;
      message = render();
      currentTs = ts;
    }
    try {
      if (currentTs == null) {
        String posted = api.postMessage(channel, message);
        synchronized (this) {
          ts = posted;
        }
      } else {
        api.updateMessage(channel, currentTs, message);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("progress message in {} failed: {}", LogSafe.quote(channel), LogSafe.quote(e.getMessage()));
      synchronized (this) {
        failed = true; // e.g. not_in_channel: the final answer still arrives via response_url
      }
    }
  }

  private SlackMessage render() {
    StringBuilder sb = new StringBuilder();
    layers.forEach((id, status) -> sb.append(id).append(": ").append(status).append('\n'));
    lines.forEach(l -> sb.append(l).append('\n'));
    List<com.slack.api.model.block.LayoutBlock> blocks = new java.util.ArrayList<>();
    blocks.add(BlockKitRenderer.section(":hourglass_flowing_sand: " + BlockKitRenderer.escape(title)));
    String body = sb.length() > BlockKitRenderer.CODE_BUDGET
        ? sb.substring(sb.length() - BlockKitRenderer.CODE_BUDGET) : sb.toString();
    blocks.add(BlockKitRenderer.section("```" + BlockKitRenderer.escapeCode(body.isEmpty() ? "…" : body) + "```"));
    return new SlackMessage(title, blocks, false, null);
  }
}
