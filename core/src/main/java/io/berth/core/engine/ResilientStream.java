package io.berth.core.engine;

import io.berth.core.result.EngineStatus;
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
 * <p>Why each part is here, as measured with a real {@code dockerd} restart and on a loaded machine:
 * <ul>
 *   <li>the engine ends every stream when it stops: reopen, with {@link Backoff} (bounded, never giving up);
 *   <li>a slow engine is not a dead one: under load (100 follows, load average 20+) a follow can take
 *       well over 3 s to start, and abandoning it only adds requests to the queue. While an attempt
 *       waits to start, the engine is pinged every {@code livenessEvery}; it is given up only after
 *       {@code lostAfter} pings in a row went unanswered (or, if set, after {@code startTimeout});
 *   <li>a request sent to a half-started daemon can wait forever for its response headers: while
 *       recovering from an outage, an attempt that has not started within {@code quickStart} is
 *       given up and another one made (each such wait twice the previous one, so a slow engine that
 *       comes back is eventually waited for);
 *   <li>a given-up attempt is closed, which cancels its request and frees its connection
 *       ({@link Attempt#close()});
 *   <li>a started stream is quiet when nothing happens, which looks the same as a hung one: the
 *       same liveness rule applies, and a stream whose engine is lost is closed and reopened.
 * </ul>
 * Connection changes go to a status listener (engine lost / back) so surfaces can say so; after a
 * reopen the source is told ({@link Source#started}) so it can reconcile what it missed.
 */
public final class ResilientStream implements Subscription {
  private static final Logger log = LoggerFactory.getLogger(ResilientStream.class);

  /** One attempt at the stream: one request to the engine. */
  public interface Attempt {
    /**
     * True once the engine answered; false when {@code max} passed first (the request is still
     * pending). Throws an {@link EngineException} when the attempt ended before it started.
     */
    boolean awaitStarted(Duration max) throws InterruptedException;

    /** True once the stream ended (engine closed it, connection cut); false when {@code max} passed. */
    boolean awaitEnded(Duration max) throws InterruptedException;

    /**
     * Ends it. An attempt that had not started must cancel its request (its connection is not kept
     * until the engine answers) and drop whatever arrives later.
     */
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

    /** A bounded liveness probe (a ping); false when the engine did not answer it. */
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

  /**
   * @param startTimeout  the longest an attempt may take to start while the engine answers pings;
   *                      null: no limit (a slow engine is waited for as long as it is alive)
   * @param quickStart    how long a reachable engine takes at most to start a stream: {@link #start()}
   *                      waits that long for the first attempt, and while recovering from an outage an
   *                      attempt that has not started by then is given up (half-started daemon)
   * @param livenessEvery how often the engine is pinged while an attempt waits or a stream is quiet
   * @param lostAfter     consecutive unanswered pings that mean the engine is lost
   */
  public record Timing(Duration startTimeout, Duration quickStart, Duration livenessEvery, int lostAfter,
      Duration firstBackoff, Duration maxBackoff) {
    public Timing {
      if (lostAfter < 1) throw new IllegalArgumentException("lostAfter must be at least 1");
    }

    /** Log follows: as many as consoles are open, so no start limit while the engine is alive. */
    public static final Timing FOLLOW = new Timing(null, Duration.ofSeconds(3), Duration.ofSeconds(5), 3,
        Duration.ofMillis(200), Duration.ofSeconds(3));
    /** The event feed (one per subscriber) must never wait forever: a generous start limit. */
    public static final Timing EVENTS = new Timing(Duration.ofSeconds(10), Duration.ofSeconds(3),
        Duration.ofSeconds(5), 3, Duration.ofMillis(200), Duration.ofSeconds(3));
  }

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** The longest wait for an attempt to start while recovering; 2^n quickStart grows up to it. */
  private static final Duration RECOVERY_CAP = Duration.ofSeconds(30);

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

  public ResilientStream(String name, Source source, Timing timing, Consumer<EngineStatus> status) {
    this(name, source, timing, d -> Thread.sleep(d.toMillis()), status);
  }

  /**
   * Starts the thread and waits (at most {@code quickStart}) for the first attempt, so that what
   * happens right after subscribing is not missed when the engine is up.
   */
  public ResilientStream start() {
    thread.start();
    try {
      firstAttempt.await(timing.quickStart().toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return this;
  }

  /** True while the thread runs (not closed, not ended for good). */
  public boolean running() {
    return thread.isAlive();
  }

  /** Why an attempt was given up before it started. */
  private record GivenUp(String why, boolean timedOut) {}

  private void run() {
    boolean everStarted = false;
    boolean down = false;
    int attempts = 0;
    Duration recoveryWait = timing.quickStart();
    try {
      while (!closed) {
        Attempt attempt = null;
        GivenUp failure;
        try {
          attempt = source.open(attempts++ > 0);
          current = attempt; // close() must reach an attempt still waiting to start, too
          if (closed) return;
          failure = awaitStart(attempt, down ? recoveryWait : timing.startTimeout());
        } catch (EngineException e) {
          if (e.kind() == Failure.NOT_FOUND) {
            if (attempt != null) attempt.close();
            firstAttempt.countDown();
            if (!closed) source.ended(e);
            return;
          }
          failure = new GivenUp(e.getMessage(), false);
        } catch (RuntimeException e) {
          failure = new GivenUp(e.toString(), false);
        }
        if (closed) return;
        if (failure != null) {
          if (down && failure.timedOut()) {
            Duration doubled = recoveryWait.multipliedBy(2);
            recoveryWait = doubled.compareTo(RECOVERY_CAP) > 0 ? RECOVERY_CAP : doubled;
          }
          down = lost(down, failure.why());
          if (attempt != null) attempt.close(); // cancels the request: its connection is freed now
          current = null;
          firstAttempt.countDown();
          sleeper.sleep(backoff.next());
          continue;
        }
        backoff.reset();
        recoveryWait = timing.quickStart();
        if (down) {
          down = false;
          log.info("{}: engine stream reconnected", thread.getName());
          status.accept(EngineStatus.back("reconnected"));
        }
        source.started(everStarted);
        everStarted = true;
        firstAttempt.countDown();
        String lostWhy = watch(attempt);
        if (lostWhy != null) {
          down = lost(down, lostWhy); // reopened at once, in recovery mode (the daemon may be half-started)
          attempt.close();
        }
        current = null;
        if (closed) return;
        if (lostWhy == null && !source.continueAfterEnd()) return;
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

  /** Reports the loss once per outage; returns the new "down" state. */
  private boolean lost(boolean down, String why) {
    if (!down && !closed) {
      log.info("{}: engine stream lost ({}); reconnecting", thread.getName(), why);
      status.accept(EngineStatus.lost(why));
    }
    return true;
  }

  /**
   * Null once the attempt started (or the stream was closed meanwhile); else why it is given up:
   * {@code limit} (null: none) passed, or the engine stopped answering pings.
   */
  private GivenUp awaitStart(Attempt attempt, Duration limit) throws InterruptedException {
    Duration waited = Duration.ZERO;
    int unanswered = 0;
    while (!closed) {
      Duration slice = timing.livenessEvery();
      if (limit != null && limit.minus(waited).compareTo(slice) < 0) slice = limit.minus(waited);
      if (attempt.awaitStarted(slice)) return null;
      waited = waited.plus(slice);
      if (closed) return null;
      if (limit != null && waited.compareTo(limit) >= 0) {
        return new GivenUp("the engine did not start the stream within " + limit.toMillis() + " ms", true);
      }
      unanswered = source.alive() ? 0 : unanswered + 1;
      if (unanswered >= timing.lostAfter()) {
        return new GivenUp("the engine did not answer " + unanswered + " pings in a row", false);
      }
    }
    return null;
  }

  /** Returns null when the stream ended, or why it must be closed: the engine stopped answering. */
  private String watch(Attempt attempt) throws InterruptedException {
    int unanswered = 0;
    while (!closed) {
      if (attempt.awaitEnded(timing.livenessEvery())) return null;
      if (closed) return null;
      unanswered = source.alive() ? 0 : unanswered + 1;
      if (unanswered >= timing.lostAfter()) {
        log.info("{}: engine stopped answering; closing the stream to reopen it", thread.getName());
        return "the engine did not answer " + unanswered + " pings in a row";
      }
    }
    return null;
  }

  @Override
  public void close() {
    closed = true;
    Attempt a = current;
    if (a != null) a.close();
    thread.interrupt();
  }
}
