package io.berth.core.engine;

import io.berth.core.model.Subscription;
import io.berth.core.result.Failure;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one engine stream (events, a log follow) going across engine restarts, on its own thread.
 *
 * <p>Why each part is here, as measured with a real {@code dockerd} restart:
 * <ul>
 *   <li>the engine ends every stream when it stops: reopen, with {@link Backoff} (bounded, never giving up);
 *   <li>a request sent to a half-started daemon can wait forever for its response headers, and
 *       closing it does not help until it has started: an attempt that has not started within
 *       {@code openTimeout} (five times that while the engine answers pings: a loaded engine is slow,
 *       not gone) is abandoned (it must ignore whatever arrives later) and another one is made;
 *   <li>a started stream is quiet when nothing happens, which looks the same as a hung one: every
 *       {@code livenessEvery} the engine is pinged (a bounded probe), and a stream whose engine no
 *       longer answers is closed and reopened.
 * </ul>
 * Connection changes go to a status listener (engine lost / back) so surfaces can say so; after a
 * reopen the source is told ({@link Source#started}) so it can reconcile what it missed.
 */
public final class ResilientStream implements Subscription {
  private static final Logger log = LoggerFactory.getLogger(ResilientStream.class);
  /** How much longer an attempt may take to start while the engine still answers pings. */
  private static final int SLOW_FACTOR = 5;

  /** One attempt at the stream: one request to the engine. */
  public interface Attempt {
    /** True once the engine answered; false when the attempt ended first or {@code max} passed. */
    boolean awaitStarted(Duration max) throws InterruptedException;

    /** True once the stream ended (engine closed it, connection cut); false when {@code max} passed. */
    boolean awaitEnded(Duration max) throws InterruptedException;

    /** Ends it. An attempt that had not started must also drop whatever arrives later. */
    void close();
  }

  /** What is streamed: how to open it, and what to do around reconnects. */
  public interface Source {
    /**
     * Sends the request. {@code reopening} is false only for the very first attempt. Throws an
     * {@link EngineException}: {@code NOT_FOUND} ends the stream (what it follows is gone), anything
     * else counts as the engine being unreachable and is retried.
     */
    Attempt open(boolean reopening);

    /** A bounded liveness probe (a ping with a short timeout); false when the engine does not answer. */
    boolean alive();

    /** On the stream thread, once an attempt started; {@code resumed}: an earlier one had started too. */
    default void started(boolean resumed) {}

    /** After a stream ended on its own: false ends the subscription (e.g. the followed container stopped). */
    default boolean continueAfterEnd() {
      return true;
    }

    /** The stream ended for good (not by {@link #close()}): what it followed is gone. */
    default void ended(EngineException why) {}
  }

  /** How long to wait for an attempt to start, how often to probe an idle stream, and the backoff bounds. */
  public record Timing(Duration openTimeout, Duration livenessEvery, Duration firstBackoff, Duration maxBackoff) {
    /** A restarted engine is followed again within about maxBackoff + openTimeout of answering. */
    public static final Timing DEFAULT =
        new Timing(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(3));
  }

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Source source;
  private final Timing timing;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Consumer<EngineStatus> status;
  private final Thread thread;
  private final CountDownLatch firstAttempt = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile Attempt current;

  public ResilientStream(String name, Source source, Timing timing, Sleeper sleeper, Consumer<EngineStatus> status) {
    this.source = source;
    this.timing = timing;
    this.backoff = new Backoff(timing.firstBackoff(), timing.maxBackoff());
    this.sleeper = sleeper;
    this.status = status;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  public ResilientStream(String name, Source source, Consumer<EngineStatus> status) {
    this(name, source, Timing.DEFAULT, d -> Thread.sleep(d.toMillis()), status);
  }

  /**
   * Starts the thread and waits (at most the open timeout) for the first attempt, so that what
   * happens right after subscribing is not missed when the engine is up.
   */
  public ResilientStream start() {
    thread.start();
    try {
      firstAttempt.await(timing.openTimeout().toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return this;
  }

  /** True while the thread runs (not closed, not ended for good). */
  public boolean running() {
    return thread.isAlive();
  }

  private void run() {
    boolean everStarted = false;
    boolean down = false;
    int attempts = 0;
    try {
      while (!closed) {
        Attempt attempt = null;
        String failure;
        try {
          attempt = source.open(attempts++ > 0);
          current = attempt; // close() must reach an attempt still waiting to start, too
          if (closed) return;
          boolean started = attempt.awaitStarted(timing.openTimeout())
              // an engine that answers pings is slow (loaded), not gone: give it longer before abandoning
              || (!closed && source.alive() && attempt.awaitStarted(timing.openTimeout().multipliedBy(SLOW_FACTOR)));
          failure = started ? null : "the engine did not answer within " + timing.openTimeout().toMillis() + " ms";
        } catch (EngineException e) {
          if (e.kind() == Failure.NOT_FOUND) {
            if (attempt != null) attempt.close();
            firstAttempt.countDown();
            if (!closed) source.ended(e);
            return;
          }
          failure = e.getMessage();
        } catch (RuntimeException e) {
          failure = e.toString();
        }
        if (failure != null) {
          // abandoned, not awaited: a request to a half-started daemon may never be answered
          if (attempt != null) attempt.close();
          current = null;
          firstAttempt.countDown();
          if (!down && !closed) {
            down = true;
            log.info("{}: engine stream lost ({}); reconnecting", thread.getName(), failure);
            status.accept(EngineStatus.lost(failure));
          }
          sleeper.sleep(backoff.next());
          continue;
        }
        if (closed) return;
        backoff.reset();
        if (down) {
          down = false;
          log.info("{}: engine stream reconnected", thread.getName());
          status.accept(EngineStatus.back("reconnected"));
        }
        source.started(everStarted);
        everStarted = true;
        firstAttempt.countDown();
        watch(attempt);
        current = null;
        if (closed) return;
        if (!source.continueAfterEnd()) return;
        sleeper.sleep(backoff.next());
      }
    } catch (InterruptedException e) {
      // closed
    } finally {
      firstAttempt.countDown();
      Attempt a = current;
      if (a != null && closed) a.close(); // whatever close() raced with is closed here
    }
  }

  /** Returns when the stream ended, or after closing it because the engine stopped answering. */
  private void watch(Attempt attempt) throws InterruptedException {
    while (!closed) {
      if (attempt.awaitEnded(timing.livenessEvery())) return;
      if (!closed && !source.alive()) {
        log.info("{}: engine stopped answering; closing the stream to reopen it", thread.getName());
        attempt.close();
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Attempt a = current;
    if (a != null) a.close();
    thread.interrupt();
  }
}
