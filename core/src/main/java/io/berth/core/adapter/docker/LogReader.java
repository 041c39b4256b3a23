package io.berth.core.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.berth.core.engine.EngineException;
import io.berth.core.model.Subscription;
import io.berth.core.result.Failure;
import io.berth.core.result.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Container logs: a bounded one-shot read on the ordinary pool, and follows on the streaming pool. */
final class LogReader {
  private static final Duration LOGS_TIMEOUT = Duration.ofSeconds(60);

  private final DockerClients clients;
  private final DockerErrors errors;

  LogReader(DockerClients clients, DockerErrors errors) {
    this.clients = clients;
    this.errors = errors;
  }

  List<LogLine> read(String containerId, Integer tail, Instant since, boolean timestamps, int maxLines) {
    ArrayDeque<LogLine> kept = new ArrayDeque<>();
    LogFrames frames = new LogFrames(timestamps, since, line -> {
      kept.addLast(line);
      if (kept.size() > maxLines) kept.removeFirst();
    });
    ResultCallback.Adapter<Frame> cb = request(clients.ordinary(), containerId, tail, since, false, frames);
    try {
      if (!call(() -> DockerJavaEngine.awaitQuietly(cb, LOGS_TIMEOUT))) {
        throw new EngineException(Failure.TIMEOUT, "Reading the logs of " + DockerJavaEngine.shortId(containerId) + " took longer than "
            + DockerJavaEngine.human(LOGS_TIMEOUT) + "; use --tail or --since.");
      }
    } finally {
      DockerJavaEngine.closeQuietly(cb);
    }
    synchronized (frames) {
      frames.flush();
      return List.copyOf(kept);
    }
  }

  Subscription follow(String containerId, Integer tail, boolean timestamps, Consumer<LogLine> sink) {
    LogFrames frames = new LogFrames(timestamps, null, sink);
    ResultCallback.Adapter<Frame> cb = request(clients.streaming(), containerId, tail, null, true, frames);
    // closing the callback closes the response, which releases (discards) its pooled connection
    return () -> DockerJavaEngine.closeQuietly(cb);
  }

  private <T> T call(Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }

  /** Starts a logs request whose frames go to {@code frames}; returns the callback to await or close. */
  private ResultCallback.Adapter<Frame> request(DockerClient client, String containerId, Integer tail, Instant since,
      boolean follow, LogFrames frames) {
    ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame f) {
        synchronized (frames) {
          frames.accept(f);
        }
      }
    };
    return call(() -> {
      var cmd = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
          .withTimestamps(true).withFollowStream(follow);
      if (tail != null) cmd.withTail(tail);
      else cmd.withTailAll();
      // the engine only takes whole seconds; LogFrames drops the lines before the exact instant
      if (since != null) cmd.withSince((int) since.getEpochSecond());
      return cmd.exec(cb);
    });
  }
}
