package io.berth.bot.chat;

import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a long command's progress as ONE message, shown on the first event and then edited at
 * most once per interval (a long pull never floods a channel or hits a rate limit). Engine threads
 * only update the board; showing happens on the scheduler. {@link #finish} writes the last state.
 */
public final class ProgressUpdates implements ProgressListener {
  private static final Logger log = LoggerFactory.getLogger(ProgressUpdates.class);

  /** Where the platform shows it: post the first time, edit after that. */
  @FunctionalInterface
  public interface View {
    void show(Reply.Progress progress) throws Exception;
  }

  private final String title;
  private final View view;
  private final ScheduledExecutorService scheduler;
  private final Duration interval;
  private final ProgressBoard board = new ProgressBoard();
  private boolean dirty;
  private boolean failed;
  private ScheduledFuture<?> flusher;

  /** @param view null: progress is not shown (the final answer still comes) */
  public ProgressUpdates(String title, View view, ScheduledExecutorService scheduler, Duration interval) {
    this.title = title;
    this.view = view;
    this.scheduler = scheduler;
    this.interval = interval;
  }

  @Override
  public void on(Progress progress) {
    synchronized (this) {
      board.add(progress);
      dirty = true;
      if (flusher == null && view != null) {
        flusher = scheduler.scheduleWithFixedDelay(this::flush, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Stops the updates and shows the final state with {@code footer}, if anything was shown. */
  public void finish(String footer) {
    ScheduledFuture<?> f;
    synchronized (this) {
      f = flusher;
      if (f == null) return;
      board.addLine(footer);
      dirty = true;
    }
    f.cancel(false);
    flush();
  }

  public synchronized boolean started() {
    return flusher != null;
  }

  private void flush() {
    Reply.Progress p;
    synchronized (this) {
      if (!dirty || failed) return;
      dirty = false;
      p = new Reply.Progress(title, board.text());
    }
    try {
      view.show(p);
    } catch (Exception e) {
      log.warn("progress message could not be shown: {}", io.berth.core.LogSafe.quote(String.valueOf(e.getMessage())));
      synchronized (this) {
        failed = true; // e.g. not in the channel: the final answer still arrives
      }
    }
  }
}
