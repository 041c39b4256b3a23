package io.berth.core.engine;

import io.berth.core.result.EngineStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.result.Failure;
import io.berth.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The reconnect logic of every engine stream, with fake attempts and a fake clock: an attempt
 * waiting to start moves the clock by each wait it is asked for, and the backoff sleeps move it
 * too, so minutes of engine time run in milliseconds. Two measured failures drive the cases: after
 * a daemon restart a request sent to the half-started daemon never started (the old loop waited
 * forever), and under load (100 follows, load average 20+) follows that took more than 3 s to
 * start were abandoned and re-sent, each abandoned request keeping its connection.
 */
class ResilientStreamTest {
  static final ResilientStream.Timing FOLLOW = ResilientStream.Timing.FOLLOW;
  static final ResilientStream.Timing EVENTS = ResilientStream.Timing.EVENTS;
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  final TestClock clock = new TestClock(T0);
  final List<Duration> slept = new CopyOnWriteArrayList<>();
  final List<EngineStatus> statuses = new CopyOnWriteArrayList<>();
  final ResilientStream.Sleeper sleeper = d -> {
    slept.add(d);
    clock.advance(d);
    Thread.sleep(1);
  };

  /** An attempt whose start (in fake time) and end the test decides. */
  class FakeAttempt implements ResilientStream.Attempt {
    /** Fake time it takes the engine to answer; null: never. */
    final Duration startsAfter;
    final CountDownLatch ended = new CountDownLatch(1);
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    volatile Duration waited = Duration.ZERO;
    volatile boolean closed;

    FakeAttempt(Duration startsAfter) {
      this.startsAfter = startsAfter;
    }

    @Override
    public boolean awaitStarted(Duration max) throws InterruptedException {
      waits.add(max);
      if (startsAfter != null && waited.plus(max).compareTo(startsAfter) >= 0) {
        clock.advance(startsAfter.minus(waited));
        waited = startsAfter;
        return true;
      }
      clock.advance(max);
      waited = waited.plus(max);
      Thread.sleep(1);
      return false;
    }

    @Override
    public boolean awaitEnded(Duration max) throws InterruptedException {
      return ended.await(5, TimeUnit.MILLISECONDS); // a short real wait stands for the liveness interval
    }

    @Override
    public void close() {
      closed = true;
      ended.countDown();
    }

    void endByEngine() {
      ended.countDown();
    }

    Duration waitedInTotal() {
      return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }
  }

  FakeAttempt startsAt(Duration d) {
    return new FakeAttempt(d);
  }

  FakeAttempt startsAtOnce() {
    return new FakeAttempt(Duration.ZERO);
  }

  FakeAttempt neverStarts() {
    return new FakeAttempt(null);
  }

  /** A source that hands out prepared attempts (or throws) in order and records what it was asked. */
  class FakeSource implements ResilientStream.Source {
    final Deque<Supplier<ResilientStream.Attempt>> next = new ArrayDeque<>();
    final Deque<Boolean> pingAnswers = new ArrayDeque<>();
    final List<Boolean> reopening = new CopyOnWriteArrayList<>();
    final List<Boolean> startedResumed = new CopyOnWriteArrayList<>();
    final List<EngineException> ended = new CopyOnWriteArrayList<>();
    final AtomicInteger pings = new AtomicInteger();
    volatile boolean alive = true;
    volatile boolean continueAfterEnd = true;

    synchronized FakeSource then(Supplier<ResilientStream.Attempt> a) {
      next.add(a);
      return this;
    }

    /** The next pings answer so; after them, {@link #alive}. */
    synchronized FakeSource pings(Boolean... answers) {
      pingAnswers.addAll(List.of(answers));
      return this;
    }

    @Override
    public synchronized ResilientStream.Attempt open(boolean reopening) {
      this.reopening.add(reopening);
      Supplier<ResilientStream.Attempt> s = next.isEmpty() ? ResilientStreamTest.this::neverStarts : next.poll();
      return s.get();
    }

    @Override
    public synchronized boolean alive() {
      pings.incrementAndGet();
      Boolean a = pingAnswers.poll();
      return a != null ? a : alive;
    }

    @Override
    public void started(boolean resumed) {
      startedResumed.add(resumed);
    }

    @Override
    public boolean continueAfterEnd() {
      return continueAfterEnd;
    }

    @Override
    public void ended(EngineException why) {
      ended.add(why);
    }
  }

  ResilientStream stream(FakeSource source, ResilientStream.Timing timing) {
    return new ResilientStream("test-stream", source, timing, sleeper, statuses::add);
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(2);
    assertThat(condition.getAsBoolean()).as("condition within 5 s").isTrue();
  }

  static EngineException refused() {
    return new EngineException(Failure.ENGINE_UNREACHABLE, "connection refused");
  }

  @Test
  void aFollowOnASlowButAliveEngineIsWaitedForHoweverLongItTakesToStart() throws Exception {
    FakeAttempt slow = startsAt(Duration.ofSeconds(60));
    FakeSource source = new FakeSource().then(() -> slow);
    try (ResilientStream s = stream(source, FOLLOW).start()) {
      waitFor(() -> source.startedResumed.size() == 1);
      assertThat(slow.closed).as("not abandoned").isFalse();
      assertThat(source.reopening).as("one request, never re-sent").containsExactly(false);
      assertThat(statuses).as("a slow engine is no outage").isEmpty();
      assertThat(slow.waits).as("waits in liveness-sized slices").containsOnly(Duration.ofSeconds(5));
      // one ping per slice while it waited (11 between 12 slices); the open stream's own liveness
      // check may already have pinged again by the time this reads the count
      assertThat(source.pings.get()).isGreaterThanOrEqualTo(11);
    }
  }

  @Test
  void aSlowEngineThatMissesSomePingsIsNotLost() throws Exception {
    FakeAttempt slow = startsAt(Duration.ofSeconds(60));
    // two unanswered pings in a row at most: under load a ping can time out without the engine being gone
    FakeSource source = new FakeSource().then(() -> slow).pings(false, false, true, false, false, true, false, false);
    try (ResilientStream s = stream(source, FOLLOW).start()) {
      waitFor(() -> source.startedResumed.size() == 1);
      assertThat(slow.closed).isFalse();
      assertThat(source.reopening).containsExactly(false);
      assertThat(statuses).isEmpty();
    }
  }

  @Test
  void aDeadEngineIsLostAfterThreeUnansweredPingsAndThePendingRequestClosedAndReopened() throws Exception {
    FakeAttempt hung = neverStarts();
    FakeAttempt after = startsAtOnce();
    FakeSource source = new FakeSource().then(() -> hung).then(() -> after);
    source.alive = false;
    try (ResilientStream s = stream(source, FOLLOW).start()) {
      waitFor(() -> hung.closed);
      assertThat(hung.waitedInTotal()).as("three liveness intervals").isEqualTo(Duration.ofSeconds(15));
      assertThat(source.pings.get()).isEqualTo(3);
      waitFor(() -> source.startedResumed.size() == 1); // the engine answers the next request
      assertThat(statuses.get(0).detail()).contains("3 pings");
      assertThat(source.reopening).containsExactly(false, true);
      assertThat(statuses).extracting(EngineStatus::reachable).containsExactly(false, true);
    }
  }

  @Test
  void theEventFeedNeverWaitsForeverForAStartEvenWhileTheEngineAnswersPings() throws Exception {
    FakeAttempt hung = neverStarts();
    FakeAttempt ok = startsAtOnce();
    FakeSource source = new FakeSource().then(() -> hung).then(() -> ok);
    try (ResilientStream s = stream(source, EVENTS).start()) {
      waitFor(() -> source.startedResumed.size() == 1);
      assertThat(hung.closed).as("given up, its request cancelled").isTrue();
      assertThat(hung.waitedInTotal()).isEqualTo(Duration.ofSeconds(10));
      assertThat(ok.closed).isFalse();
      assertThat(source.reopening).containsExactly(false, true);
      assertThat(statuses).extracting(EngineStatus::reachable).containsExactly(false, true);
    }
  }

  @Test
  void whileRecoveringAnAttemptToAHalfStartedDaemonIsGivenUpQuicklyThenWithMorePatience() throws Exception {
    FakeAttempt hung1 = neverStarts();
    FakeAttempt hung2 = neverStarts();
    FakeAttempt hung3 = neverStarts();
    FakeAttempt ok = startsAtOnce();
    FakeSource source = new FakeSource().then(() -> {
      throw refused(); // the daemon is down
    }).then(() -> hung1).then(() -> hung2).then(() -> hung3).then(() -> ok);
    try (ResilientStream s = stream(source, FOLLOW).start()) {
      waitFor(() -> source.startedResumed.size() == 1);
      assertThat(List.of(hung1.closed, hung2.closed, hung3.closed)).containsOnly(true);
      assertThat(List.of(hung1.waitedInTotal(), hung2.waitedInTotal(), hung3.waitedInTotal()))
          .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofSeconds(12));
      assertThat(statuses).extracting(EngineStatus::reachable).containsExactly(false, true);
      assertThat(slept).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
          Duration.ofMillis(1600));
    }
  }

  @Test
  void neverGivesUpWhileTheEngineIsDownAndWaitsNoLongerThanTheCap() throws Exception {
    FakeSource source = new FakeSource();
    for (int i = 0; i < 12; i++) {
      source.then(() -> {
        throw refused();
      });
    }
    FakeAttempt first = startsAtOnce();
    FakeAttempt second = startsAtOnce();
    source.then(() -> first).then(() -> second);
    try (ResilientStream s = stream(source, FOLLOW).start()) {
      waitFor(() -> source.startedResumed.size() == 1);
      assertThat(slept).hasSize(12).allMatch(d -> d.compareTo(Duration.ofSeconds(3)) <= 0);
      assertThat(slept.subList(4, 12)).containsOnly(Duration.ofSeconds(3));
      assertThat(Duration.between(T0, clock.instant())).isEqualTo(Duration.ofMillis(200 + 400 + 800 + 1600 + 8 * 3000));
      assertThat(statuses).extracting(EngineStatus::reachable).containsExactly(false, true);
      assertThat(statuses.get(0).detail()).contains("connection refused");

      first.endByEngine(); // the engine restarted: the next wait starts small again
      waitFor(() -> source.startedResumed.size() == 2);
      assertThat(slept.get(12)).isEqualTo(Duration.ofMillis(200));
      assertThat(source.startedResumed).containsExactly(false, true);
      assertThat(statuses).hasSize(2); // a quick reopen is not an outage
    }
  }

  @Test
  void aStartedStreamWhoseEngineStopsAnsweringIsClosedAndReopened() throws Exception {
    FakeAttempt quiet = startsAtOnce();
    FakeAttempt after = startsAtOnce();
    FakeSource source = new FakeSource().then(() -> quiet).then(() -> after);
    try (ResilientStream s = stream(source, FOLLOW).start()) {
      waitFor(() -> source.startedResumed.size() == 1);
      source.pings(false, false, true, false, false); // missed pings, never three in a row
      waitFor(() -> source.pings.get() >= 8);
      assertThat(quiet.closed).isFalse();
      source.alive = false;
      waitFor(() -> quiet.closed);
      assertThat(statuses).extracting(EngineStatus::reachable).containsExactly(false);
      source.alive = true;
      waitFor(() -> source.startedResumed.size() == 2);
      assertThat(source.startedResumed).containsExactly(false, true);
      assertThat(statuses).extracting(EngineStatus::reachable).containsExactly(false, true);
    }
  }

  @Test
  void whatTheStreamFollowsBeingGoneEndsItWithoutAnOutage() throws Exception {
    FakeSource source = new FakeSource().then(() -> {
      throw new EngineException(Failure.NOT_FOUND, "No such container: x");
    });
    ResilientStream s = stream(source, FOLLOW).start();
    waitFor(() -> !s.running());
    assertThat(source.ended).extracting(EngineException::kind).containsExactly(Failure.NOT_FOUND);
    assertThat(statuses).isEmpty();
    assertThat(source.reopening).hasSize(1);
  }

  @Test
  void aSourceMayEndTheStreamWhenItEndsOnItsOwn() throws Exception {
    FakeAttempt only = startsAtOnce();
    FakeSource source = new FakeSource().then(() -> only);
    source.continueAfterEnd = false;
    ResilientStream s = stream(source, FOLLOW).start();
    only.endByEngine();
    waitFor(() -> !s.running());
    assertThat(source.reopening).hasSize(1);
  }

  @Test
  void closingWhileAnAttemptWaitsToStartClosesThatAttempt() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    FakeAttempt slow = new FakeAttempt(Duration.ZERO) {
      @Override
      public boolean awaitStarted(Duration max) throws InterruptedException {
        waiting.countDown();
        Thread.sleep(60_000); // a loaded engine that has not answered yet
        return true;
      }
    };
    FakeSource source = new FakeSource().then(() -> slow);
    ResilientStream s = stream(source, FOLLOW).start();
    assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
    s.close();
    waitFor(() -> !s.running());
    assertThat(slow.closed).as("the in-flight request is released").isTrue();
  }

  @Test
  void closingStopsReconnectingAndClosesTheOpenAttempt() throws Exception {
    FakeAttempt open = startsAtOnce();
    FakeSource source = new FakeSource().then(() -> open);
    ResilientStream s = stream(source, FOLLOW).start();
    waitFor(() -> source.startedResumed.size() == 1);
    s.close();
    waitFor(() -> !s.running());
    assertThat(open.closed).isTrue();
    assertThat(source.reopening).hasSize(1);
  }
}
