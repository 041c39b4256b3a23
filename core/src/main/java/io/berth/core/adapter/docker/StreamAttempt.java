package io.berth.core.adapter.docker;

import com.github.dockerjava.api.async.ResultCallback;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.ResilientStream;
import io.berth.core.result.Failure;
import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One docker-java streaming request as a {@link ResilientStream.Attempt}. docker-java calls
 * {@code onStart} only once response headers arrive, so closing an attempt that has not started
 * cancels its request through {@link PendingRequests} (send it with {@link #send}); should the
 * engine answer anyway (the cancel came too late, or a TCP connection an interrupt cannot reach),
 * the attempt closes itself at once and drops anything that arrives.
 */
class StreamAttempt<T> extends ResultCallback.Adapter<T> implements ResilientStream.Attempt {
  private static final Logger log = LoggerFactory.getLogger(StreamAttempt.class);

  private final Consumer<T> items;
  private final DockerErrors errors;
  private final PendingRequests.Sender sender = new PendingRequests.Sender();
  /**
   * Counted down when the stream ends, however. Not docker-java's {@code awaitCompletion(timeout)}:
   * that one closes the callback when it returns, so polling it ended every attempt that had not
   * started within 50 ms, and every open stream at its first liveness check.
   */
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean abandoned;
  private volatile RuntimeException error;

  StreamAttempt(Consumer<T> items, DockerErrors errors) {
    this.items = items;
    this.errors = errors;
  }

  /** Sends the request ({@code exec} is the docker-java command's {@code exec(this)}) so that {@link #close()} can cancel it. */
  StreamAttempt<T> send(java.util.function.Supplier<StreamAttempt<T>> exec) {
    return PendingRequests.sending(sender, exec);
  }

  @Override
  public void onStart(Closeable stream) {
    super.onStart(stream);
    if (abandoned) closeQuietly();
  }

  @Override
  public void onNext(T item) {
    if (!abandoned) items.accept(item);
  }

  @Override
  public void onError(Throwable t) {
    // a broken stream is expected (engine restart): end this one quietly; the stream reopens it
    if (!abandoned) log.debug("engine stream error: {}", t.toString());
    if (t instanceof RuntimeException r) error = r;
    onComplete();
  }

  @Override
  public void onComplete() {
    ended.countDown();
    super.onComplete();
  }

  @Override
  public boolean awaitStarted(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (awaitStarted(50, TimeUnit.MILLISECONDS)) return true;
      if (ended.getCount() == 0) {
        // ended before it started: the engine refused (e.g. 404 for a removed container) or is down
        RuntimeException e = error;
        if (e != null) throw errors.translate(e);
        throw new EngineException(Failure.ENGINE_UNREACHABLE, "the engine closed the stream before answering");
      }
    }
    return false;
  }

  @Override
  public boolean awaitEnded(Duration max) throws InterruptedException {
    return ended.await(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    abandoned = true;
    sender.cancel(); // not answered yet: frees its connection now instead of when the engine answers
    closeQuietly();
    ended.countDown();
  }

  private void closeQuietly() {
    try {
      super.close();
    } catch (java.io.IOException | RuntimeException ignored) {
      // already closed
    }
  }
}
