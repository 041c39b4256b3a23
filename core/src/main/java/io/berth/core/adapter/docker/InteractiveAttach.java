package io.berth.core.adapter.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.WaitContainerCondition;
import com.github.dockerjava.api.model.WaitResponse;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.InteractiveProcess;
import io.berth.core.result.Failure;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code docker run -it}: the created container's stdin, stdout and stderr attached over the engine's hijacked
 * connection (the transport {@link InteractiveExec} uses), the wait for its exit registered, then the start, as
 * docker's CLI orders them so nothing it prints and no exit is missed. The size goes to {@code /containers/{id}/resize};
 * the exit code is the wait's. Closing kills the container: on a TTY the engine keeps it alive without us.
 */
final class InteractiveAttach extends HijackedSession {
  private static final Logger log = LoggerFactory.getLogger(InteractiveAttach.class);
  private static final long STREAM_START_MS = 30_000;

  private final DockerClients clients;
  private final String containerId;
  private final Frames stream;
  private final ResultCallback.Adapter<WaitResponse> wait;

  private InteractiveAttach(DockerClients clients, String containerId, boolean tty, InteractiveProcess.Output output) {
    super(tty);
    this.clients = clients;
    this.containerId = containerId;
    this.stream = new Frames(output);
    this.wait = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(WaitResponse r) {
        exited(r.getStatusCode() == null ? -1 : r.getStatusCode());
      }

      @Override
      public void onError(Throwable t) {
        log.debug("wait for container {} ended: {}", DockerJavaEngine.shortId(containerId), t.toString());
        exited(-1);
      }

      @Override
      public void onComplete() {
        exited(-1); // no status came: it is gone (completes nothing if a status was read)
      }
    };
  }

  static InteractiveAttach start(DockerClients clients, DockerErrors errors, String containerId, boolean tty, int cols,
      int rows, InteractiveProcess.Output output) {
    InteractiveAttach p = new InteractiveAttach(clients, containerId, tty, output);
    try {
      clients.streaming().attachContainerCmd(containerId).withStdIn(p.stdin).withStdOut(true).withStdErr(true)
          .withFollowStream(true).withLogs(true).exec(p.stream);
      // --rm (AutoRemove): as docker's CLI, wait until it is removed, so it is gone when the session returns
      var host = clients.ordinary().inspectContainerCmd(containerId).exec().getHostConfig();
      WaitContainerCondition until = host != null && Boolean.TRUE.equals(host.getAutoRemove())
          ? WaitContainerCondition.REMOVED : WaitContainerCondition.NEXT_EXIT;
      clients.streaming().waitContainerCmd(containerId).withCondition(until).exec(p.wait);
      if (!p.stream.awaitStarted(STREAM_START_MS, TimeUnit.MILLISECONDS)
          || !p.wait.awaitStarted(STREAM_START_MS, TimeUnit.MILLISECONDS)) {
        p.release();
        throw new EngineException(Failure.TIMEOUT, "The Docker engine did not answer within 30s");
      }
      // the size before the start, as docker's CLI: the first prompt is drawn for the right width
      if (tty) p.resize(cols, rows);
      clients.ordinary().startContainerCmd(containerId).exec();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.release();
      throw new EngineException(Failure.INTERNAL, "interrupted while attaching to the container");
    } catch (RuntimeException e) {
      p.release();
      throw e instanceof EngineException ee ? ee : errors.translate(e);
    }
    if (tty) p.resize(cols, rows); // a created container may not take it yet; a running one does
    return p;
  }

  private void exited(int code) {
    if (exit.isDone()) return;
    stdin.end();
    // the last frames may trail the exit a little; without a TTY they may be much of the output (a cat whose last
    // megabytes the engine still holds while our stdout is slow), and the stream ends as soon as they are read
    try {
      stream.awaitCompletion(tty ? 2 : 60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    release();
    exit.complete(code);
  }

  private void release() {
    stdin.end();
    DockerJavaEngine.closeQuietly(stream);
    DockerJavaEngine.closeQuietly(wait);
  }

  @Override
  protected void resizeOnEngine(int cols, int rows) {
    clients.ordinary().resizeContainerCmd(containerId).withSize(rows, cols).exec();
  }

  @Override
  public String toString() {
    return "container " + DockerJavaEngine.shortId(containerId);
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    try {
      clients.ordinary().killContainerCmd(containerId).exec();
    } catch (RuntimeException e) {
      log.debug("kill of container {} at close: {}", DockerJavaEngine.shortId(containerId), e.toString()); // exited
    }
    try {
      exit.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      release();
      exit.complete(-1);
    }
  }
}
