package io.berth.core.service;

import io.berth.core.command.Events;
import io.berth.core.engine.Backoff;
import io.berth.core.model.Caller;
import io.berth.core.render.Listings;
import io.berth.core.result.AcrossContexts;
import io.berth.core.result.Failure;
import io.berth.core.result.LogLine;
import io.berth.core.result.Outcome;
import io.berth.core.result.OutputChunk;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code events --context all} without {@code --until} on a surface that follows (the CLI's terminal): every context's
 * stream at once, each on a thread of its own, authorized and audited in its own context (its role and scope there),
 * each event one line as it arrives with its context first (the column of the bounded form). A context that drops
 * out is one line on stderr ({@code context X: why}) and is followed again with backoff while the others go on
 * ({@link Events#followReconnecting}); the caller's interrupt (Ctrl-C) stops them all, each ending audited.
 * Surfaces that answer once (chat, the console) never come here: they get {@link FanOut}'s bounded window.
 */
final class EventsFollowedAcross {
  /** The first retry of a dropped context, doubling up to {@link #MAX_RETRY} (as an ssh forward's restart). */
  static final Duration FIRST_RETRY = Duration.ofMillis(200);
  static final Duration MAX_RETRY = Duration.ofSeconds(30);
  /** After the interrupt, how long the contexts together may take to write their closing records. */
  private static final Duration WIND_DOWN = Duration.ofSeconds(2);

  private final AuditedStep step;

  EventsFollowedAcross(AuditedStep step) {
    this.step = step;
  }

  Outcome run(Caller caller, Events request, String text, ProgressListener progress) {
    Reporter reporter = new Reporter(progress);
    int width = step.engines.contexts().stream().mapToInt(String::length).max().orElse(0);
    List<OneContext> all = new ArrayList<>();
    for (String context : step.engines.contexts()) all.add(new OneContext(context, width, caller, request, text, reporter));
    all.forEach(OneContext::start);
    try {
      // until each context streams or has ended (refused, failed): nothing is printed before then
      long deadline = System.nanoTime() + FanOut.PER_CONTEXT.toNanos();
      for (OneContext c : all) c.settled.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (all.stream().noneMatch(OneContext::streams)) {
        all.forEach(OneContext::stop);
        return noneFollowed(all);
      }
      reporter.goLive(); // the refusals so far are printed now; later drops as they happen
      for (OneContext c : all) c.thread.join(); // until Ctrl-C, or every context has ended by itself
    } catch (InterruptedException stop) {
      all.forEach(OneContext::stop);
      long deadline = System.nanoTime() + WIND_DOWN.toNanos();
      for (OneContext c : all) {
        try {
          c.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException again) {
          break;
        }
      }
    }
    Map<String, Result> answers = new LinkedHashMap<>();
    for (OneContext c : all) {
      if (c.outcome instanceof Outcome.Succeeded ok && ok.result() != null) answers.put(c.context, ok.result());
      else if (c.streams() && c.outcome == null) answers.put(c.context, new Events.History(List.of(), 0)); // still closing
    }
    if (answers.isEmpty()) return noneFollowed(all);
    // every failure was printed as it happened: the answer adds none
    return new Outcome.Succeeded(UUID.randomUUID().toString(),
        new AcrossContexts(answers, Map.of(), new Listings.View(false, false, request.format())));
  }

  /** No context followed: as the bounded form, a denial everywhere is the denial, else one failure naming each. */
  private static Outcome noneFollowed(List<OneContext> all) {
    List<String> lines = new ArrayList<>();
    Outcome firstDenial = null;
    int denied = 0;
    for (OneContext c : all) {
      if (c.outcome instanceof Outcome.Denied d) {
        if (firstDenial == null) firstDenial = d;
        denied++;
      }
      lines.add(AcrossContexts.errorLine(c.context, c.why()));
    }
    if (denied == all.size()) return firstDenial;
    return new Outcome.Failed(UUID.randomUUID().toString(), Failure.ENGINE_UNREACHABLE, String.join("\n", lines));
  }

  /** Context lines: held until the follow is under way (they may become the answer), then printed on stderr as they come. */
  private static final class Reporter {
    private final ProgressListener progress;
    private final List<String> held = new ArrayList<>();
    private boolean live;

    Reporter(ProgressListener progress) {
      this.progress = progress;
    }

    synchronized void ended(String context, String why) {
      if (live) print(AcrossContexts.errorLine(context, why));
      else held.add(AcrossContexts.errorLine(context, why));
    }

    /** A drop while streaming: always printed (the follow is under way once anything streams). */
    void dropped(String context, String why) {
      print(AcrossContexts.errorLine(context, why));
    }

    synchronized void goLive() {
      live = true;
      held.forEach(this::print);
      held.clear();
    }

    private void print(String line) {
      progress.on(new Progress.Printed(new OutputChunk(LogLine.Stream.STDERR, line + "\n")));
    }
  }

  /** One context's follow: its own attempt (authorized, audited in that context) on a thread of its own. */
  private final class OneContext {
    final String context;
    final Thread thread;
    final CountDownLatch settled = new CountDownLatch(1);
    private final Reporter reporter;
    private volatile boolean streams;
    volatile Outcome outcome;

    OneContext(String context, int width, Caller caller, Events request, String text, Reporter reporter) {
      this.context = context;
      this.reporter = reporter;
      String column = Listings.contextColumn(context, width);
      // each event line gets its context first; anything else (none today) passes as it is
      ProgressListener prefixed = p -> reporter.progress.on(p instanceof Progress.Line l ? new Progress.Line(column + l.text()) : p);
      this.thread = new Thread(() -> {
        try {
          Attempt a = step.attempt(caller, text, request.action(), request.target());
          a.context = context;
          outcome = step.authorizeAndRun(a, request, AuditedStep.Confirmation.REFUSE, null, null, null,
              (user, pinned, engine) -> {
                streams = true;
                settled.countDown();
                return Events.followReconnecting((Events) pinned, step.execution(user, caller, prefixed, null, engine),
                    why -> reporter.dropped(context, why), new Backoff(FIRST_RETRY, MAX_RETRY));
              }).outcome();
        } catch (RuntimeException e) {
          outcome = new Outcome.Failed(UUID.randomUUID().toString(), Failure.INTERNAL, "internal error: " + e);
        } finally {
          if (!(outcome instanceof Outcome.Succeeded)) reporter.ended(context, why());
          settled.countDown();
        }
      }, "berth-events-all-" + context);
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() {
      thread.interrupt();
    }

    boolean streams() {
      return streams;
    }

    String why() {
      Outcome o = outcome;
      if (o instanceof Outcome.Denied d) return d.reason();
      if (o instanceof Outcome.Failed f) return f.message();
      if (o == null) return "no answer within " + FanOut.PER_CONTEXT.toSeconds() + " s";
      return "ended (" + o.getClass().getSimpleName() + ")";
    }
  }
}
