package io.berth.web.live;

import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** What every background {@link Job} (pull, build, a service's rollout) does the same way around its command. */
public final class JobSteps {
  /** At most ~10 re-renders a second, whatever docker sends. */
  static final long MIN_NANOS_BETWEEN_UPDATES = 100_000_000L;

  private JobSteps() {}

  /**
   * A listener that gives every event to {@code record} (the job's model of its progress) but calls {@code emit}
   * (render and send it) only when the last update is older than a tenth of a second.
   */
  public static ProgressListener throttled(ProgressListener record, Runnable emit) {
    AtomicLong lastSent = new AtomicLong();
    return p -> {
      record.on(p);
      long now = System.nanoTime();
      if (now - lastSent.get() > MIN_NANOS_BETWEEN_UPDATES) {
        lastSent.set(now);
        emit.run();
      }
    };
  }

  /**
   * The command's outcome, or an internal failure if it threw: the job then still ends with a "done" the page
   * shows, and the details stay in the server log.
   */
  public static Outcome outcomeOf(String what, Supplier<Outcome> command) {
    try {
      return command.get();
    } catch (RuntimeException e) {
      return new Outcome.Failed("-", Failure.INTERNAL, what + " crashed; see the server log");
    }
  }
}
