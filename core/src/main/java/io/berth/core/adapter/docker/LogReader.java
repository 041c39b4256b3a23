package io.berth.core.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.ResilientStream;
import io.berth.core.model.Subscription;
import io.berth.core.result.Failure;
import io.berth.core.result.LogLine;
import io.berth.core.result.ServiceLogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BooleanSupplier;
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
    return read(DockerJavaEngine.shortId(containerId), timestamps, since, maxLines,
        frames -> request(clients.ordinary(), containerId, tail, since, false, frames));
  }

  /** A service's log (every task's lines, as the engine merges them), bounded as a container's. */
  /**
   * A service's lines, with details asked for: the engine then names each line's task and node. Over the Engine API
   * itself, since docker-java's service-log command does not send {@code details}; the body is the same multiplexed
   * stream a container's log is, read into the same {@link LogFrames}, and closed if it runs past the timeout.
   */
  List<ServiceLogLine> readService(String serviceId, Integer tail, Instant since, boolean timestamps, int maxLines) {
    String path = "/services/" + EngineObjects.segment(serviceId, "service") + "/logs?stdout=1&stderr=1&timestamps=1&details=1"
        + (tail != null ? "&tail=" + tail : "") + (since != null ? "&since=" + since.getEpochSecond() : "");
    ArrayDeque<LogLine> kept = new ArrayDeque<>();
    LogFrames frames = new LogFrames(timestamps, since, line -> {
      kept.addLast(line);
      if (kept.size() > maxLines) kept.removeFirst();
    });
    com.github.dockerjava.transport.DockerHttpClient.Response response =
        new EngineApi(clients, errors).open(com.github.dockerjava.transport.DockerHttpClient.Request.Method.GET, path);
    java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(LOGS_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        return; // the read finished first
      }
      timedOut.set(true);
      try {
        response.close();
      } catch (Exception e) {
        // aborting the read is all that is wanted
      }
    }, "berth-service-logs-timeout");
    watchdog.setDaemon(true);
    watchdog.start();
    try (response) {
      LogFrames.demultiplex(response.getBody(), frames::accept);
    } catch (java.io.IOException e) {
      if (timedOut.get()) {
        throw new EngineException(Failure.TIMEOUT, "Reading the logs of service " + serviceId + " took longer than "
            + DockerJavaEngine.human(LOGS_TIMEOUT) + "; use --tail or --since.");
      }
      throw new EngineException(Failure.ENGINE_UNREACHABLE, "the engine broke off the service's log: " + e.getMessage(), e);
    } finally {
      watchdog.interrupt();
    }
    frames.flush();
    return kept.stream().map(LogReader::detailed).toList();
  }

  /**
   * A line read with details: after the timestamp, the engine writes the details as {@code k=v} pairs joined by
   * commas (values query-escaped, sorted by key), then a space and the line; the Swarm's are
   * {@code com.docker.swarm.node.id}, {@code .service.id} and {@code .task.id}. A line without them is kept whole.
   */
  static ServiceLogLine detailed(LogLine l) {
    String text = l.text();
    int sp = text.indexOf(' ');
    String head = sp < 0 ? text : text.substring(0, sp);
    if (!head.startsWith("com.docker.swarm.") && !head.contains("com.docker.swarm.")) return new ServiceLogLine("", "", l);
    java.util.Map<String, String> details = new java.util.HashMap<>();
    for (String pair : head.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        details.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return new ServiceLogLine(details.getOrDefault("com.docker.swarm.task.id", ""),
        details.getOrDefault("com.docker.swarm.node.id", ""),
        new LogLine(l.timestamp(), l.stream(), sp < 0 ? "" : text.substring(sp + 1)));
  }

  private List<LogLine> read(String what, boolean timestamps, Instant since, int maxLines,
      java.util.function.Function<LogFrames, FrameCallback> start) {
    ArrayDeque<LogLine> kept = new ArrayDeque<>();
    LogFrames frames = new LogFrames(timestamps, since, line -> {
      kept.addLast(line);
      if (kept.size() > maxLines) kept.removeFirst();
    });
    FrameCallback cb = start.apply(frames);
    try {
      if (!call(() -> DockerJavaEngine.awaitQuietly(cb, LOGS_TIMEOUT))) {
        throw new EngineException(Failure.TIMEOUT, "Reading the logs of " + what + " took longer than "
            + DockerJavaEngine.human(LOGS_TIMEOUT) + "; use --tail or --since.");
      }
      if (cb.error != null) throw errors.translate(cb.error);
    } finally {
      DockerJavaEngine.closeQuietly(cb);
    }
    synchronized (frames) {
      frames.flush();
      return List.copyOf(kept);
    }
  }

  /**
   * Follows a container's log across engine restarts: a broken follow is reopened from the last
   * line's timestamp (so nothing is repeated or lost), and the reader is told in the log itself when
   * the engine is lost, when it is back, and when the follow ends because the container stopped or
   * was removed, instead of waiting in silence.
   */
  Subscription follow(String containerId, Integer tail, boolean timestamps, Consumer<LogLine> sink,
      BooleanSupplier alive, BooleanSupplier running) {
    Instant[] last = new Instant[1];
    Instant begun = Instant.now();
    Consumer<LogLine> once = line -> {
      synchronized (last) {
        // a reopened follow starts at the last second seen: skip what was already delivered
        if (line.timestamp() != null && last[0] != null && !line.timestamp().isAfter(last[0])) return;
        if (line.timestamp() != null) last[0] = line.timestamp();
      }
      sink.accept(timestamps ? line : new LogLine(null, line.stream(), line.text()));
    };
    String name = "berth-follow-" + DockerJavaEngine.shortId(containerId);
    ResilientStream stream = new ResilientStream(name, new ResilientStream.Source() {
      @Override
      public ResilientStream.Attempt open(boolean reopening) {
        Instant since;
        synchronized (last) {
          since = !reopening ? null : last[0] != null ? last[0] : begun;
        }
        LogFrames frames = new LogFrames(true, since, once);
        StreamAttempt<Frame> attempt = new StreamAttempt<>(f -> {
          synchronized (frames) {
            frames.accept(f);
          }
        }, errors);
        try {
          var cmd = clients.streaming().logContainerCmd(containerId).withStdOut(true).withStdErr(true)
              .withTimestamps(true).withFollowStream(true);
          if (since != null) cmd.withSince((int) since.getEpochSecond()).withTailAll();
          else if (tail != null) cmd.withTail(tail);
          else cmd.withTailAll();
          return attempt.send(() -> cmd.exec(attempt));
        } catch (RuntimeException e) {
          throw errors.translate(e);
        }
      }

      @Override
      public boolean alive() {
        return alive.getAsBoolean();
      }

      @Override
      public void started(boolean resumed) {
        if (resumed) sink.accept(notice("Docker engine reachable again: following resumes."));
      }

      @Override
      public boolean continueAfterEnd() {
        try {
          if (running.getAsBoolean()) return true; // the connection was cut, the container runs on
        } catch (EngineException e) {
          if (e.kind() == Failure.NOT_FOUND) {
            ended(e);
            return false;
          }
          return true; // engine unreachable: reopening reports it
        }
        sink.accept(notice("The container has stopped: follow ended."));
        return false;
      }

      @Override
      public void ended(EngineException why) {
        sink.accept(notice("The container no longer exists: follow ended."));
      }
    }, ResilientStream.Timing.FOLLOW, status -> {
      if (!status.reachable()) sink.accept(notice("Docker engine unreachable: reconnecting..."));
    });
    return stream.start();
  }

  /** A line from Berth itself in a followed log (not from the container). */
  static LogLine notice(String text) {
    return new LogLine(null, LogLine.Stream.STDERR, "[berth] " + text);
  }

  private <T> T call(Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }

  /**
   * Frames to {@code frames}; an engine refusal (e.g. 409 for a container being removed, 501 for a
   * logging driver that cannot be read) is kept for {@link #read} to translate, not logged:
   * docker-java's own {@code onError} logs every refusal at ERROR with a stack trace, and the alert
   * feed asks for the last lines of containers that are often just being removed.
   */
  private static final class FrameCallback extends ResultCallback.Adapter<Frame> {
    private final LogFrames frames;
    volatile RuntimeException error;

    FrameCallback(LogFrames frames) {
      this.frames = frames;
    }

    @Override
    public void onNext(Frame f) {
      synchronized (frames) {
        frames.accept(f);
      }
    }

    @Override
    public void onError(Throwable t) {
      error = t instanceof RuntimeException r ? r : new IllegalStateException(t);
      onComplete();
    }
  }

  /** Starts a logs request whose frames go to {@code frames}; returns the callback to await or close. */
  private FrameCallback request(DockerClient client, String containerId, Integer tail, Instant since,
      boolean follow, LogFrames frames) {
    FrameCallback cb = new FrameCallback(frames);
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
