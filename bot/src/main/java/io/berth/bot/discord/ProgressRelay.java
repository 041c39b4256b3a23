package io.berth.bot.discord;

import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Shows a long command's progress (pull, build, run's pull) by editing the deferred reply: the
 * first update at once, then at most one edit per interval, so Discord's rate limits are never
 * hit. Called from engine threads; only the newest status matters.
 */
final class ProgressRelay implements ProgressListener {
  static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final int MAX_LINE = 300;

  private final Clock clock;
  private final Consumer<String> edit;
  private Instant lastEdit;

  ProgressRelay(Clock clock, Consumer<String> edit) {
    this.clock = clock;
    this.edit = edit;
  }

  @Override
  public synchronized void on(Progress progress) {
    Instant now = clock.instant();
    if (lastEdit != null && now.isBefore(lastEdit.plus(INTERVAL))) return;
    lastEdit = now;
    edit.accept("⏳ " + MentionGuard.neutralize(describe(progress)));
  }

  static String describe(Progress p) {
    String text;
    if (p instanceof Progress.Layer l) {
      String amount = l.current() != null && l.total() != null && l.total() > 0
          ? " " + (100 * l.current() / l.total()) + "%" : "";
      text = l.layerId() + ": " + l.status() + amount;
    } else {
      text = Progress.describe(p);
    }
    text = text.replace("`", "'").strip();
    return text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "…" : text;
  }
}
