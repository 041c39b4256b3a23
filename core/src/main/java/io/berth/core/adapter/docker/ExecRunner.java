package io.berth.core.adapter.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import io.berth.core.command.ContainerName;
import io.berth.core.engine.EngineException;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.Failure;
import io.berth.core.result.OutputCap;
import io.berth.core.result.OutputChunk;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Non-interactive exec: separate stdout/stderr (also live), exit code, bounded by time and {@link OutputCap}. */
final class ExecRunner {
  private final DockerClients clients;
  private final DockerErrors errors;

  ExecRunner(DockerClients clients, DockerErrors errors) {
    this.clients = clients;
    this.errors = errors;
  }

  ExecOutput run(String containerId, List<String> command, Map<String, String> env, String workdir, String user,
      Duration timeout, int maxOutputBytes, Consumer<OutputChunk> live) {
    String execId;
    try {
      var create = clients.ordinary().execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
          .withAttachStdin(false).withAttachStdout(true).withAttachStderr(true).withTty(false)
          .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
      if (workdir != null && !workdir.isBlank()) create.withWorkingDir(workdir);
      if (user != null) create.withUser(user);
      execId = create.exec().getId();
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
    if (!ContainerName.isEngineId(execId)) {
      // it goes into /exec/{id}/start and /exec/{id}/json: only an id of the engine's own form
      throw new EngineException(Failure.INTERNAL, "the engine returned an unexpected exec id");
    }
    OutputCap cap = new OutputCap(maxOutputBytes);
    ResultCallback.Adapter<Frame> capture = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame f) {
        OutputChunk chunk = LogFrames.chunk(f);
        if (chunk == null) return;
        cap.accept(chunk);
        live.accept(chunk);
      }
    };
    try {
      clients.streaming().execStartCmd(execId).withDetach(false).withTty(false).exec(capture);
      if (!DockerJavaEngine.awaitQuietly(capture, timeout)) {
        String c = DockerJavaEngine.shortId(containerId);
        throw new EngineException(Failure.TIMEOUT, "exec " + String.join(" ", command) + " did not finish within "
            + DockerJavaEngine.human(timeout) + " (engine.execTimeout). It keeps running inside container " + c
            + ": Docker cannot stop an exec'd process. To end it, find it with `exec " + c + " ps` and stop it with `exec "
            + c + " kill PID`, or restart the container.");
      }
    } catch (RuntimeException e) {
      throw errors.translate(e);
    } finally {
      DockerJavaEngine.closeQuietly(capture);
    }
    return new ExecOutput(containerId, exitCode(execId), cap.output());
  }

  /** The stream can end a moment before the engine records the exit code. */
  private int exitCode(String execId) {
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (true) {
        InspectExecResponse r = clients.ordinary().inspectExecCmd(execId).exec();
        if (!Boolean.TRUE.equals(r.isRunning()) && r.getExitCodeLong() != null) return r.getExitCodeLong().intValue();
        if (System.nanoTime() > deadline) {
          throw new EngineException(Failure.TIMEOUT, "exec finished but the engine reported no exit code");
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(Failure.TIMEOUT, "interrupted while reading the exec exit code");
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }
}
