package io.berth.core.adapter.docker;

import com.github.dockerjava.api.command.InspectExecResponse;
import io.berth.core.command.ContainerName;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.InteractiveProcess;
import io.berth.core.result.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code docker exec -it}: an exec with stdin attached over the engine's hijacked (upgraded) connection, which
 * docker-java's Apache transport carries (our own unix transport hands upgraded requests to it, see
 * {@link UnixSocketHttpClient}). Docker has no exec kill, and closing the connection does not end a process on a
 * TTY (the engine keeps the pty's other end), so {@link #close} kills what survives with a second exec: the
 * session's processes are those whose environment carries its marker {@code BERTH_TERMINAL=<uuid>}.
 */
final class InteractiveExec extends HijackedSession {
  private static final Logger log = LoggerFactory.getLogger(InteractiveExec.class);
  static final String MARKER = "BERTH_TERMINAL";
  /**
   * Berth's own fixed script (no user text reaches it: the marker is a UUID passed as $1): HUP every process of
   * the session, as a terminal hang-up does, then KILL what is left after a second. An environment is one
   * NUL-separated block (grep alone would see only its first entry), hence tr.
   */
  private static final String KILL_SCRIPT = """
      session() { for e in /proc/[0-9]*/environ; do \
        if tr '\\0' '\\n' < "$e" 2>/dev/null | grep -qxF "$1"; then p=${e#/proc/}; echo "${p%/environ}"; fi; done; }
      for p in $(session "$1"); do kill -HUP "$p" 2>/dev/null; done
      i=0; while [ -n "$(session "$1")" ] && [ $i -lt 10 ]; do sleep 0.1; i=$((i+1)); done
      for p in $(session "$1"); do kill -KILL "$p" 2>/dev/null; done
      """;

  private final DockerClients clients;
  private final DockerErrors errors;
  private final String containerId;
  private final String execId;
  private final String marker;
  private final Frames stream;

  private InteractiveExec(DockerClients clients, DockerErrors errors, InteractiveProcess.Spec spec, String execId,
      String marker, InteractiveProcess.Output output) {
    super(spec.tty());
    this.clients = clients;
    this.errors = errors;
    this.containerId = spec.containerId();
    this.execId = execId;
    this.marker = marker;
    this.stream = new Frames(output) {
      // once close() began, it reads the exit code itself after the kill (not -1 while the process still dies)
      @Override
      public void onError(Throwable t) {
        if (closed) return;
        log.debug("terminal stream of exec {} ended: {}", execId, t.toString());
        ended();
      }

      @Override
      public void onComplete() {
        if (!closed) ended();
      }
    };
  }

  static InteractiveExec open(DockerClients clients, DockerErrors errors, InteractiveProcess.Spec spec,
      InteractiveProcess.Output output) {
    String marker = MARKER + "=" + UUID.randomUUID();
    String execId;
    try {
      List<String> env = new ArrayList<>();
      spec.env().forEach((k, v) -> env.add(k + "=" + v));
      env.add(marker);
      if (spec.tty() && spec.env().keySet().stream().noneMatch("TERM"::equals)) env.add("TERM=xterm"); // as docker exec -t
      var create = clients.ordinary().execCreateCmd(spec.containerId()).withCmd(spec.command().toArray(String[]::new))
          .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true).withTty(spec.tty()).withEnv(env);
      if (spec.workdir() != null && !spec.workdir().isBlank()) create.withWorkingDir(spec.workdir());
      if (spec.user() != null) create.withUser(spec.user());
      execId = create.exec().getId();
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
    if (!ContainerName.isEngineId(execId)) {
      // it goes into /exec/{id}/start, /resize and /json: only an id of the engine's own form
      throw new EngineException(Failure.INTERNAL, "the engine returned an unexpected exec id");
    }
    InteractiveExec p = new InteractiveExec(clients, errors, spec, execId, marker, output);
    try {
      clients.streaming().execStartCmd(execId).withDetach(false).withTty(spec.tty()).withStdIn(p.stdin).exec(p.stream);
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
    if (spec.tty()) p.resizeWhenStarted(spec.cols(), spec.rows());
    return p;
  }

  @Override
  protected void resizeOnEngine(int cols, int rows) {
    clients.ordinary().resizeExecCmd(execId).withSize(rows, cols).exec();
  }

  @Override
  public String toString() {
    return "exec " + execId;
  }

  /** The engine refuses a resize until the exec runs; docker's CLI retries too. */
  private void resizeWhenStarted(int cols, int rows) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline && !exit.isDone()) {
      try {
        InspectExecResponse r = clients.ordinary().inspectExecCmd(execId).exec();
        if (Boolean.TRUE.equals(r.isRunning())) {
          clients.ordinary().resizeExecCmd(execId).withSize(rows, cols).exec();
          return;
        }
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.debug("first resize of exec {} not taken yet: {}", execId, e.toString());
      }
    }
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    stdin.end();
    DockerJavaEngine.closeQuietly(stream); // the hijacked connection
    if (running()) killSession();
    ended();
  }

  private boolean running() {
    try {
      return Boolean.TRUE.equals(clients.ordinary().inspectExecCmd(execId).exec().isRunning());
    } catch (RuntimeException e) {
      return false; // the container is gone, and the process with it
    }
  }

  /** Kills the session's processes with Berth's own script, as root (the session may run as any user). */
  private void killSession() {
    try {
      ExecRunner runner = new ExecRunner(clients, errors);
      runner.run(containerId, List.of("sh", "-c", KILL_SCRIPT, "berth-terminal-close", marker), java.util.Map.of(), null,
          "0", Duration.ofSeconds(10), 4096, c -> { });
    } catch (RuntimeException e) {
      log.warn("could not end terminal exec {} in container {}: {}", execId, DockerJavaEngine.shortId(containerId),
          e.getMessage());
    }
  }

  /** Once the stream ended: the exit code as the engine recorded it. */
  private void ended() {
    if (exit.isDone()) return;
    stdin.end();
    Integer code = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    try {
      while (code == null && System.nanoTime() < deadline) {
        InspectExecResponse r = clients.ordinary().inspectExecCmd(execId).exec();
        if (!Boolean.TRUE.equals(r.isRunning()) && r.getExitCodeLong() != null) code = r.getExitCodeLong().intValue();
        else Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.debug("exit code of exec {} unknown: {}", execId, e.toString());
    }
    exit.complete(code == null ? -1 : code);
  }
}
