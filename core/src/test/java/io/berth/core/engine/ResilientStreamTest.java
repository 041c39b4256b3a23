package io.berth.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.result.Failure;
import io.berth.core.testing.TestClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The reconnect logic of every engine stream, with fake attempts and a fake clock for the backoff
 * waits. The first case is the measured failure: after a daemon restart, a request sent to the
 * half-started daemon never started, and the old loop waited for it forever.
 */
class ResilientStreamTest {
  static final ResilientStream.Timing TIMING =
      new ResilientStream.Timing(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(3));

  final TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
  final List<Duration> slept = new CopyOnWriteArrayList<>();
  final List<EngineStatus> statuses = new CopyOnWriteArrayList<>();
  final ResilientStream.Sleeper sleeper = d -> {
    slept.add(d);
    clock.advance(d);
    Thread.sleep(1);
  };

  /** An attempt whose start and end the test decides. */
  static class FakeAttempt implements ResilientStream.Attempt {
    final boolean starts;
    final CountDownLatch ended = new CountDownLatch(1);
    volatile boolean closed;

    FakeAttempt(boolean starts) {
      this.starts = starts;
    }

    @Override
    public boolean awaitStarted(Duration max) throws InterruptedException {
      return starts; // false: as if max passed without an answer
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
  }

  /** A source that hands out prepared attempts (or throws) in order and records what it was asked. */
  static class FakeSource implements ResilientStream.Source {
    final Deque<Supplier<ResilientStream.Attempt>> next = new ArrayDeque<>();
    final List<Boolean> reopening = new CopyOnWriteArrayList<>();
    final List<Boolean> startedResumed = new CopyOnWriteArrayList<>();
    final List<EngineException> ended = new CopyOnWriteArrayList<>();
    volatile boolean alive = true;
    volatile boolean continueAfterEnd = true;

    synchronized FakeSource then(Supplier<ResilientStream.Attempt> a) {
      next.add(a);
      return this;
    }

    @Override
    public synchronized ResilientStream.Attempt open(boolean reopening) {
      this.reopening.add(reopening);
      Supplier<ResilientStream.Attempt> s = next.isEmpty() ? () -> new FakeAttempt(false) : next.poll();
      return s.get();
    }

    @Override
    public boolean alive() {
      return alive;
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

  ResilientStream stream(FakeSource source) {
    return new ResilientStream("test-stream", source, TIMING, sleeper, statuses::add);
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(2);
    assertThat(condition.getAsBoolean()).as("condition within 5 s").isTrue();
  }

  @Test
  void anAttemptThatNeverStartsIsAbandonedAndAnotherOneIsMade() throws Exception {
    FakeAttempt hung1 = new FakeAttempt(false);
    FakeAttempt hung2 = new FakeAttempt(false);
    FakeAttempt ok = new FakeAttempt(true);
    FakeSource source = new FakeSource().then(() -> hung1).then(() -> hung2).then(() -> ok);
    try (ResilientStream s = stream(source).start()) {
      waitFor(() -> source.startedResumed.size() == 1);
      assertThat(hung1.closed).as("abandoned").isTrue();
      assertThat(hung2.closed).as("abandoned").isTrue();
      assertThat(ok.closed).isFalse();
      assertThat(source.reopening).containsExactly(false, true, true);
      assertThat(statuses).extracting(EngineStatus::reachable).containsExactly(false, true);
      assertThat(slept).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }
  }

  @Test
  void neverGivesUpWhileTheEngineIsDownAndWaitsNoLongerThanTheCap() throws Exception {
    FakeSource source = new FakeSource();
    for (int i = 0; i < 12; i++) {
      source.then(() -> {
        throw new EngineException(Failure.ENGINE_UNREACHABLE, "connection refused");
      });
    }
    FakeAttempt first = new FakeAttempt(true);
    FakeAttempt second = new FakeAttempt(true);
    source.then(() -> first).then(() -> second);
    try (ResilientStream s = stream(source).start()) {
      waitFor(() -> source.startedResumed.size() == 1);
      assertThat(slept).hasSize(12).allMatch(d -> d.compareTo(Duration.ofSeconds(3)) <= 0);
      assertThat(slept.subList(4, 12)).containsOnly(Duration.ofSeconds(3));
      assertThat(Duration.between(java.time.Instant.parse("2026-01-01T00:00:00Z"), clock.instant()))
          .isEqualTo(Duration.ofMillis(200 + 400 + 800 + 1600 + 8 * 3000));
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
    FakeAttempt quiet = new FakeAttempt(true);
    FakeAttempt after = new FakeAttempt(true);
    FakeSource source = new FakeSource().then(() -> quiet).then(() -> after);
    try (ResilientStream s = stream(source).start()) {
      waitFor(() -> source.startedResumed.size() == 1);
      Thread.sleep(30); // several liveness checks pass while the engine answers
      assertThat(quiet.closed).isFalse();
      source.alive = false;
      waitFor(() -> quiet.closed);
      source.alive = true;
      waitFor(() -> source.startedResumed.size() == 2);
      assertThat(source.startedResumed).containsExactly(false, true);
    }
  }

  @Test
  void whatTheStreamFollowsBeingGoneEndsItWithoutAnOutage() throws Exception {
    FakeSource source = new FakeSource().then(() -> {
      throw new EngineException(Failure.NOT_FOUND, "No such container: x");
    });
    ResilientStream s = stream(source).start();
    waitFor(() -> !s.running());
    assertThat(source.ended).extracting(EngineException::kind).containsExactly(Failure.NOT_FOUND);
    assertThat(statuses).isEmpty();
    assertThat(source.reopening).hasSize(1);
  }

  @Test
  void aSourceMayEndTheStreamWhenItEndsOnItsOwn() throws Exception {
    FakeAttempt only = new FakeAttempt(true);
    FakeSource source = new FakeSource().then(() -> only);
    source.continueAfterEnd = false;
    ResilientStream s = stream(source).start();
    only.endByEngine();
    waitFor(() -> !s.running());
    assertThat(source.reopening).hasSize(1);
  }

  @Test
  void closingWhileAnAttemptWaitsToStartClosesThatAttempt() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    FakeAttempt slow = new FakeAttempt(true) {
      @Override
      public boolean awaitStarted(Duration max) throws InterruptedException {
        waiting.countDown();
        Thread.sleep(60_000); // a loaded engine that has not answered yet
        return true;
      }
    };
    FakeSource source = new FakeSource().then(() -> slow);
    ResilientStream.Timing quick = new ResilientStream.Timing(Duration.ofMillis(50), Duration.ofSeconds(5),
        Duration.ofMillis(200), Duration.ofSeconds(3));
    ResilientStream s = new ResilientStream("test-stream", source, quick, sleeper, statuses::add).start();
    assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
    s.close();
    waitFor(() -> !s.running());
    assertThat(slow.closed).as("the in-flight request is released").isTrue();
  }

  @Test
  void closingStopsReconnectingAndClosesTheOpenAttempt() throws Exception {
    FakeAttempt open = new FakeAttempt(true);
    FakeSource source = new FakeSource().then(() -> open);
    ResilientStream s = stream(source).start();
    waitFor(() -> source.startedResumed.size() == 1);
    s.close();
    waitFor(() -> !s.running());
    assertThat(open.closed).isTrue();
    assertThat(source.reopening).hasSize(1);
  }
}
