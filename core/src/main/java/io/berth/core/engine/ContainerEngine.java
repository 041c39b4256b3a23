package io.berth.core.engine;

import io.berth.core.result.EngineStatus;
import io.berth.core.command.Ps;
import io.berth.core.command.Run;
import io.berth.core.model.Subscription;
import io.berth.core.result.BuildOutput;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.ImageSummary;
import io.berth.core.result.LogLine;
import io.berth.core.result.OutputChunk;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.StatsSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Outgoing port to one Docker endpoint. Berth holds one instance per endpoint; the core composes
 * these primitives into docker CLI semantics (e.g. run = look up, pull, create, start, wait).
 * Every method throws only {@link EngineException}.
 */
public interface ContainerEngine {

  /** Endpoint name as configured ("local" by default). */
  String endpoint();

  /** Engine version string; throws ENGINE_UNREACHABLE with where it looked and how to fix it. */
  String ping();

  List<ContainerSummary> listContainers(boolean all, List<Ps.Filter> filters);

  /**
   * As {@link #listContainers(boolean, List)}; with {@code size} each row also carries its writable
   * layer's size and its total size (docker's {@code ps -s}). Engines that know no sizes leave them null.
   */
  default List<ContainerSummary> listContainers(boolean all, List<Ps.Filter> filters, boolean size) {
    return listContainers(all, filters);
  }

  /**
   * Finds one container by exact name, exact id, or unique id prefix. NOT_FOUND when none
   * matches; INVALID naming the candidates when a prefix is ambiguous.
   */
  ContainerSummary resolveContainer(String ref);

  /**
   * Like {@link #resolveContainer(String)} among the containers {@code visible} accepts only: an
   * invisible one reads as not found and never appears in an error (e.g. an ambiguous prefix).
   * Engines that list candidates override this; the default only hides a single invisible match.
   */
  default ContainerSummary resolveContainer(String ref, java.util.function.Predicate<ContainerSummary> visible) {
    ContainerSummary c;
    try {
      c = resolveContainer(ref);
    } catch (io.berth.core.engine.EngineException e) {
      if (e.kind() != io.berth.core.result.Failure.INVALID) throw e;
      // an ambiguity may name containers outside the visible set
      throw new EngineException(io.berth.core.result.Failure.NOT_FOUND, "No such container: " + ref);
    }
    if (!visible.test(c)) throw new EngineException(io.berth.core.result.Failure.NOT_FOUND, "No such container: " + ref);
    return c;
  }

  /**
   * An existing named volume with its labels and the containers (running or stopped) that mount
   * it; empty when no such volume exists.
   */
  Optional<VolumeUsage> volume(String name);

  boolean imageExists(String image);

  /** Pulls IMAGE[:TAG] (latest when untagged), reporting progress; returns the final status. */
  String pull(String image, ProgressListener progress);

  /** Creates a container from a run request; returns its id. */
  String create(Run run);

  void start(String containerId);

  /** Returns false when the container was already stopped (engine said 304). */
  boolean stop(String containerId, Integer timeoutSeconds);

  void restart(String containerId, Integer timeoutSeconds);

  /** Sends a signal (a name such as {@code SIGKILL}, or a number) to a running container. */
  void kill(String containerId, String signal);

  void remove(String containerId, boolean force, boolean volumes);

  /** Blocks until exit; TIMEOUT when it does not exit within {@code timeout}. */
  int waitForExit(String containerId, Duration timeout);

  /** Returns at most {@code maxLines} lines: the newest ones when there are more. */
  List<LogLine> logs(String containerId, Integer tail, Instant since, boolean timestamps, int maxLines);

  /**
   * Streams new lines until closed; closing releases the engine connection. The adapter reopens a
   * follow the engine broke (restart) and says so in the log: lines from Berth start with
   * {@code [berth]} (engine lost, back, container stopped or removed: follow ended).
   */
  Subscription followLogs(String containerId, Integer tail, boolean timestamps, Consumer<LogLine> sink);

  ExecOutput exec(String containerId, List<String> command, Map<String, String> env, String workdir,
      Duration timeout, int maxOutputBytes);

  /**
   * Builds {@code context}, a directory or (when the request's context is a
   * {@link io.berth.core.command.Build.Tarball}) a tar archive (gzip allowed), with the request's
   * tag and options (its Dockerfile path relative to the context); output lines go to progress.
   */
  BuildOutput build(io.berth.core.command.Build request, Path context, ProgressListener progress);

  ContainerDetails inspect(String containerId);

  List<ImageSummary> images(boolean all);

  /** Images matching the engine's filters ({@code dangling}, {@code reference}, {@code label}, …); engines without filters list all. */
  default List<ImageSummary> images(boolean all, Map<String, List<String>> filters) {
    return images(all);
  }

  /**
   * The engine's own inspect document, as JSON: {@code kind} is {@code container} or {@code image};
   * with {@code size} a container's document also has SizeRw and SizeRootFs (the engine computes them
   * only when asked, as for {@code ps -s}). NOT_FOUND when there is no such object; null from an engine
   * that has no such documents (test doubles), where {@code inspect} falls back to the typed details.
   */
  default String inspectDocument(String kind, String ref, boolean size) {
    return null;
  }

  StatsSnapshot stats(String containerId);

  /** Returns docker's Untagged:/Deleted: lines. */
  List<String> removeImage(String image, boolean force);

  /**
   * Container events until closed. The adapter reopens the stream when the engine restarts, so one
   * subscription lasts for Berth's lifetime.
   */
  Subscription events(Consumer<ContainerEvent> sink);

  /**
   * As {@link #events(Consumer)}, also telling {@code status} when the stream loses the engine and
   * when it is back; after a reconnect the adapter reports what changed meanwhile as synthetic events
   * (from the container list), each change once. Engines that cannot lose their stream ignore it.
   */
  default Subscription events(Consumer<ContainerEvent> sink, Consumer<EngineStatus> status) {
    return events(sink);
  }

  /**
   * Starts a created container attached, as {@code docker run} without {@code -d} does: what it prints goes to
   * {@code output} as it arrives, each chunk on its own stream, and this returns its exit code once it exited.
   * TIMEOUT when it still runs after {@code timeout}; it is left running (and, with --rm, the engine removes it
   * when it exits). The default, for engines that cannot attach, reads the log once the container exited.
   */
  default int startAttached(String containerId, Consumer<OutputChunk> output, Duration timeout) {
    start(containerId);
    int code = waitForExit(containerId, timeout);
    for (LogLine l : logs(containerId, null, null, false, Integer.MAX_VALUE)) {
      output.accept(new OutputChunk(l.stream(), l.text() + "\n"));
    }
    return code;
  }

  /**
   * As {@link #exec(String, List, Map, String, Duration, int)}, also handing what the process prints to
   * {@code output} as it arrives. The default hands it over once the process ended.
   */
  default ExecOutput exec(String containerId, List<String> command, Map<String, String> env, String workdir,
      Duration timeout, int maxOutputBytes, Consumer<OutputChunk> output) {
    ExecOutput out = exec(containerId, command, env, workdir, timeout, maxOutputBytes);
    out.streams().head().forEach(output);
    return out;
  }

  /**
   * As above, as {@code user} ({@code USER[:GROUP]}, checked by the grammar and the policy) when not
   * null. An engine that cannot run as another user refuses instead of running as the default one.
   */
  default ExecOutput exec(String containerId, List<String> command, Map<String, String> env, String workdir, String user,
      Duration timeout, int maxOutputBytes, Consumer<OutputChunk> output) {
    if (user != null) throw new EngineException(io.berth.core.result.Failure.INVALID, "exec -u is not supported by this engine");
    return exec(containerId, command, env, workdir, timeout, maxOutputBytes, output);
  }

  /**
   * Starts {@code spec}'s command in its container with stdin attached (and a TTY when asked), as
   * {@code docker exec -it} ({@code -i}: stdout and stderr apart): output goes to {@code output} as it arrives, and
   * the process lives until it exits or is closed. An engine that cannot attach refuses.
   */
  default InteractiveProcess openInteractive(InteractiveProcess.Spec spec, InteractiveProcess.Output output) {
    throw new EngineException(io.berth.core.result.Failure.INVALID, "an interactive terminal is not supported by this engine");
  }

  /**
   * Starts a created container with its stdin attached (and a TTY when it was created with one), as
   * {@code docker run -it} ({@code -i}: stdout and stderr apart): attached before it starts, so nothing it prints is
   * lost; its output goes to {@code output}; the exit code is the container's. Closing ends it (killed: a TTY keeps
   * it alive otherwise).
   */
  default InteractiveProcess startInteractive(String containerId, boolean tty, int cols, int rows,
      InteractiveProcess.Output output) {
    throw new EngineException(io.berth.core.result.Failure.INVALID, "an interactive terminal is not supported by this engine");
  }

  // ---- networks, volumes and files in containers (network …, volume …, cp) ----

  /** Networks matching docker's list filters ({@code name}, {@code driver}, {@code label}, {@code id}), filtered by the engine. */
  List<io.berth.core.result.NetworkSummary> networks(Map<String, List<String>> filters);

  /**
   * One network's inspect document as the engine gives it (docker's JSON), listing among its
   * attached containers only those {@code visible} accepts. NOT_FOUND when there is no such network.
   */
  String inspectNetwork(String ref, java.util.function.Predicate<ContainerSummary> visible);

  /** Creates a network; returns its id. {@code subnet} may be null. */
  String createNetwork(String name, String driver, String subnet, Map<String, String> labels, boolean internal);

  void removeNetwork(String ref);

  /** Volumes matching docker's list filters ({@code name}, {@code label}, {@code dangling}, {@code driver}). */
  List<io.berth.core.result.VolumeSummary> volumes(Map<String, List<String>> filters);

  /** One volume's inspect document (docker's JSON); NOT_FOUND when there is no such volume. */
  String inspectVolume(String name);

  /** Creates a named volume (the engine names it when {@code name} is null); returns its name. */
  String createVolume(String name, Map<String, String> labels);

  void removeVolume(String name, boolean force);

  /** Removes unused volumes ({@code all}: named ones too, not only anonymous) matching {@code filters}. */
  io.berth.core.result.VolumesPruned pruneVolumes(boolean all, Map<String, List<String>> filters);

  /** What is at {@code path} in the container (docker's path stat); empty when nothing is there. */
  Optional<io.berth.core.result.ContainerPath> statPath(String containerId, String path);

  /** A tar archive of {@code path} in the container, its root entry named as the path's last element; the caller closes it. */
  java.io.InputStream copyFrom(String containerId, String path);

  /** Unpacks a tar archive into {@code directory}, an existing directory in the container. */
  void copyTo(String containerId, String directory, java.io.InputStream tar);

  // ---- pause, unpause, top, port, rename, tag, push, events, system df, prune ----

  void pause(String containerId);

  void unpause(String containerId);

  /** {@code docker top}: ps's column titles and rows; {@code psArgs} empty means docker's default ({@code -ef}). */
  io.berth.core.command.Top.Processes top(String containerId, List<String> psArgs);

  /** The container's published ports in docker's order: one entry per host binding. */
  List<io.berth.core.command.Port.Mapping> ports(String containerId);

  /** Gives the container a new name (already checked by docker's name grammar). */
  void rename(String containerId, String newName);

  /** {@code docker tag SOURCE TARGET}: both references already checked by docker's grammar. */
  void tag(String source, String target);

  /** Pushes NAME[:TAG] (latest when untagged), reporting progress; returns docker's final line (the digest). */
  String push(String image, ProgressListener progress);

  /**
   * Engine events from {@code since} to {@code until} (the engine ends the stream at {@code until},
   * which must not lie far ahead), filtered by docker's event filters; at most {@code max}, the newest.
   */
  io.berth.core.command.Events.History events(Instant since, Instant until, Map<String, List<String>> filters, int max);

  /**
   * docker events without {@code --until}: every event from {@code since} (null: from now) to {@code sink} as
   * the engine reports it, filtered as {@link #events}. Blocks until the engine ends the stream (an error is
   * thrown) or the calling thread is interrupted (it returns, the interrupt flag set): that is how the caller stops it.
   */
  default void followEvents(Instant since, Map<String, List<String>> filters,
      java.util.function.Consumer<io.berth.core.command.Events.Event> sink) {
    throw new EngineException(io.berth.core.result.Failure.INVALID, "this engine cannot follow events; give --until");
  }

  /** {@code docker system df}: what images, containers, volumes and the build cache use. */
  io.berth.core.command.SystemDf.Usage diskUsage();

  /** Bytes in a container's writable layer (docker's SizeRw): what removing it gives back. */
  long writableSize(String containerId);

  /** {@code docker image prune}: unused images ({@code all}) or dangling ones, by docker's until/label filters. */
  io.berth.core.command.ImagePrune.Pruned pruneImages(boolean all, Map<String, List<String>> filters);

  // ---- Swarm (a manager's Engine API): nodes, services, tasks ----
  // The documents are the engine's own JSON (docker prints them as they are for inspect, and its formatters read
  // them); the core builds service specs as that JSON too. Engines without a Swarm API refuse.

  /** Every {@code kind} matching docker's list filters, as the engine's JSON array ({@code status=true} for services). */
  default String swarmList(SwarmObject kind, Map<String, List<String>> filters) {
    throw noSwarm();
  }

  /** One object's document by name, id or unique id prefix (nodes: hostname too); NOT_FOUND as docker says it. */
  default String swarmInspect(SwarmObject kind, String ref) {
    throw noSwarm();
  }

  /** Creates a service from its spec (Engine API JSON); returns the engine's answer ({@code ID}, {@code Warnings}). */
  default String createService(String specJson) {
    throw noSwarm();
  }

  /**
   * Replaces the spec of a node or service at {@code version} (the engine refuses a stale one); {@code rollback}
   * asks the engine for the previous service spec instead (specJson is then the current one). Returns the answer.
   */
  default String updateSwarmObject(SwarmObject kind, String id, long version, String specJson, boolean rollback) {
    throw noSwarm();
  }

  /**
   * The id of the Swarm node this engine is ({@code docker info}'s {@code Swarm.NodeID}), so {@code node ls} marks it
   * with docker's {@code *}; null when it is in no Swarm or cannot say.
   */
  default String swarmNodeId() {
    return null;
  }

  /** Removes a service. */
  default void removeService(String id) {
    throw noSwarm();
  }

  /**
   * A service's log, all its tasks, at most {@code maxLines} (the newest), as {@link #logs} reads a container's; each
   * line with the task and node it came from.
   */
  default List<io.berth.core.result.ServiceLogLine> serviceLogs(String serviceId, Integer tail, Instant since, boolean timestamps, int maxLines) {
    throw noSwarm();
  }

  private static EngineException noSwarm() {
    return new EngineException(io.berth.core.result.Failure.INVALID, "this engine has no Swarm API");
  }
}
