package io.berth.core.adapter.docker;

import com.github.dockerjava.api.async.ResultCallback;
import io.berth.core.engine.ResilientStream;
import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One docker-java streaming request as a {@link ResilientStream.Attempt}. docker-java calls
 * {@code onStart} only once response headers arrive, so closing an attempt that has not started
 * cannot cancel it; it is marked abandoned instead, closes itself if the engine answers later,
 * and drops anything that then arrives.
 */
class StreamAttempt<T> extends ResultCallback.Adapter<T> implements ResilientStream.Attempt {
  private static final Logger log = LoggerFactory.getLogger(StreamAttempt.class);

  private final Consumer<T> items;
  private final DockerErrors errors;
  private volatile boolean abandoned;
  private volatile RuntimeException error;

  StreamAttempt(Consumer<T> items, DockerErrors errors) {
    this.items = items;
    this.errors = errors;
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
  public boolean awaitStarted(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (awaitStarted(50, TimeUnit.MILLISECONDS)) return true;
      if (awaitCompletion(0, TimeUnit.MILLISECONDS)) {
        // ended before it started: the engine refused (e.g. 404 for a removed container) or is down
        RuntimeException e = error;
        if (e != null) throw errors.translate(e);
        return false;
      }
    }
    return false;
  }

  @Override
  public boolean awaitEnded(Duration max) throws InterruptedException {
    try {
      return awaitCompletion(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException ended) {
      return true;
    }
  }

  @Override
  public void close() {
    abandoned = true;
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      super.close();
    } catch (java.io.IOException | RuntimeException ignored) {
      // already closed
    }
  }
}
