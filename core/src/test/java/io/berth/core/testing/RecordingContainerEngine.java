package io.berth.core.testing;

import io.berth.core.command.Ps;
import io.berth.core.command.Run;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.VolumeUsage;
import io.berth.core.model.Subscription;
import io.berth.core.result.BuildOutput;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.Failure;
import io.berth.core.result.ImageSummary;
import io.berth.core.result.LogLine;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.StatsSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Engine stand-in for policy and service tests: knows a fixed set of containers and records every
 * call that would change or read the engine (resolving a name is not recorded: it is the lookup
 * the core needs before deciding).
 */
public final class RecordingContainerEngine implements ContainerEngine {
  private final List<ContainerSummary> containers = Collections.synchronizedList(new ArrayList<>());
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<Run> created = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, VolumeUsage> volumes = new java.util.concurrent.ConcurrentHashMap<>();

  public RecordingContainerEngine with(String id, String name, String state, Map<String, String> labels) {
    containers.add(new ContainerSummary(id, name, "img:1", state, state, List.of(), Instant.EPOCH, labels));
    return this;
  }

  /** Forgets a container, as if it were removed behind Berth's back. */
  public RecordingContainerEngine without(String id) {
    containers.removeIf(c -> c.id().equals(id));
    return this;
  }

  /** Adds a running container named {@code name} (id {@code id-<name>}). */
  public RecordingContainerEngine withRunning(String name) {
    return with("id-" + name, name, "running", Map.of());
  }

  /** Calls other than the read-only lookups the core makes while resolving targets. */
  public List<String> mutatingCalls() {
    return calls().stream().filter(c -> c.startsWith("create") || c.startsWith("start") || c.startsWith("stop")
        || c.startsWith("restart") || c.startsWith("kill") || c.startsWith("remove") || c.startsWith("pull") || c.startsWith("exec")
        || c.startsWith("build") || c.startsWith("pause") || c.startsWith("unpause") || c.startsWith("rename")
        || c.startsWith("tag") || c.startsWith("push") || c.startsWith("image prune")).toList();
  }

  /** The run requests that reached {@link #create}, as the engine got them. */
  public List<Run> created() {
    return List.copyOf(created);
  }

  /** Calls made so far, e.g. {@code remove web-id force=false}. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  private void record(String call) {
    calls.add(call);
  }

  @Override
  public String endpoint() {
    return "fake://recording";
  }

  @Override
  public String ping() {
    return "fake";
  }

  @Override
  public List<ContainerSummary> listContainers(boolean all, List<Ps.Filter> filters) {
    record("list all=" + all);
    return containers.stream().filter(c -> all || c.running()).toList();
  }

  @Override
  public List<ContainerSummary> listContainers(boolean all, List<Ps.Filter> filters, boolean size) {
    if (!size) return listContainers(all, filters);
    record("list all=" + all + " size=true");
    // a container's sizes as docker reports them for busybox: nothing written, 1.24MB image
    return containers.stream().filter(c -> all || c.running()).map(c -> new ContainerSummary(c.id(), c.name(), c.image(),
        c.state(), c.status(), c.ports(), c.created(), c.labels(), c.command(), c.imageId(), 0L, 1_240_000L)).toList();
  }

  @Override
  public ContainerSummary resolveContainer(String ref) {
    return containers.stream().filter(c -> c.name().equals(ref) || c.id().startsWith(ref)).findFirst()
        .orElseThrow(() -> new EngineException(Failure.NOT_FOUND, "No such container: " + ref));
  }

  /** An existing named volume with labels, mounted by the named containers (added with {@link #with}). */
  public RecordingContainerEngine withVolume(String name, Map<String, String> labels, String... usedBy) {
    List<ContainerSummary> users = java.util.Arrays.stream(usedBy).map(this::resolveContainer).toList();
    volumes.put(name, new VolumeUsage(name, labels, users));
    return this;
  }

  @Override
  public Optional<VolumeUsage> volume(String name) {
    return Optional.ofNullable(volumes.get(name));
  }

  @Override
  public boolean imageExists(String image) {
    return true;
  }

  @Override
  public String pull(String image, ProgressListener progress) {
    record("pull " + image);
    return "sha256:fake";
  }

  @Override
  public String create(Run run) {
    created.add(run);
    record("create " + run.image());
    return "new-id";
  }

  @Override
  public void start(String containerId) {
    record("start " + containerId);
  }

  @Override
  public boolean stop(String containerId, Integer timeoutSeconds) {
    record("stop " + containerId);
    return true;
  }

  @Override
  public void kill(String containerId, String signal) {
    record("kill " + containerId + " " + signal);
  }

  @Override
  public void restart(String containerId, Integer timeoutSeconds) {
    record("restart " + containerId);
  }

  @Override
  public void remove(String containerId, boolean force, boolean volumes) {
    record("remove " + containerId + " force=" + force);
  }

  @Override
  public int waitForExit(String containerId, Duration timeout) {
    record("wait " + containerId);
    return 0;
  }

  @Override
  public List<LogLine> logs(String containerId, Integer tail, Instant since, boolean timestamps, int maxLines) {
    record("logs " + containerId);
    return List.of();
  }

  @Override
  public Subscription followLogs(String containerId, Integer tail, boolean timestamps, Consumer<LogLine> sink) {
    record("follow " + containerId);
    return () -> { };
  }

  @Override
  public ExecOutput exec(String containerId, List<String> command, Map<String, String> env, String workdir,
      Duration timeout, int maxOutputBytes) {
    record("exec " + containerId + " " + String.join(" ", command));
    return new ExecOutput(containerId, 0, "", "", false);
  }

  @Override
  public ExecOutput exec(String containerId, List<String> command, Map<String, String> env, String workdir, String user,
      Duration timeout, int maxOutputBytes, java.util.function.Consumer<io.berth.core.result.OutputChunk> output) {
    if (user == null) return exec(containerId, command, env, workdir, timeout, maxOutputBytes, output);
    record("exec " + containerId + " -u " + user + " " + String.join(" ", command));
    return new ExecOutput(containerId, 0, "", "", false);
  }

  @Override
  public BuildOutput build(io.berth.core.command.Build request, Path context, ProgressListener progress) {
    record("build " + request.tag());
    throw new EngineException(Failure.INTERNAL, "build not faked");
  }

  @Override
  public ContainerDetails inspect(String containerId) {
    record("inspect " + containerId);
    throw new EngineException(Failure.INTERNAL, "inspect not faked");
  }

  /** A small engine document for a known container (its env holds a secret); NOT_FOUND otherwise. */
  @Override
  public String inspectDocument(String kind, String ref) {
    record("inspect-json " + kind + " " + ref);
    if (kind.equals("container")) {
      ContainerSummary c = resolveContainer(ref);
      return "{\"Id\":\"" + c.id() + "\",\"Name\":\"/" + c.name() + "\",\"State\":{\"Status\":\"" + c.state()
          + "\"},\"Config\":{\"Env\":[\"PATH=/bin\",\"SECRET=hunter2\"]}}";
    }
    throw new EngineException(Failure.NOT_FOUND, "No such image: " + ref);
  }

  @Override
  public List<ImageSummary> images(boolean all) {
    record("images");
    return List.of();
  }

  @Override
  public StatsSnapshot stats(String containerId) {
    record("stats " + containerId);
    // docker's own sample from conformance case t01, with some network and block I/O
    ContainerSummary c = resolveContainer(containerId);
    return new StatsSnapshot(c.id(), c.name(), 0.5, 335872, 25275850834L, 1, 1020, 280, 4096, 1234567);
  }

  @Override
  public List<String> removeImage(String image, boolean force) {
    record("rmi " + image);
    return List.of(image);
  }

  @Override
  public Subscription events(Consumer<ContainerEvent> sink) {
    record("events");
    return () -> { };
  }
  // ---- networks, volumes, files: recorded; volumes and networks come from withVolume/withNetwork ----
  private final Map<String, io.berth.core.result.NetworkSummary> networks = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();

  public RecordingContainerEngine withNetwork(String id, String name, String driver) {
    return withNetwork(new io.berth.core.result.NetworkSummary(id, name, driver, "local", Map.of()));
  }

  public RecordingContainerEngine withNetwork(io.berth.core.result.NetworkSummary network) {
    networks.put(network.name(), network);
    return this;
  }

  /** A tar archive {@link #copyFrom} returns for {@code containerId:path}. */
  public RecordingContainerEngine withArchive(String containerId, String path, byte[] tar) {
    files.put(containerId + ":" + path, tar);
    return this;
  }

  @Override
  public List<io.berth.core.result.NetworkSummary> networks(Map<String, List<String>> filters) {
    record("networks " + filters);
    return networks.values().stream().sorted(java.util.Comparator.comparing(io.berth.core.result.NetworkSummary::name)).toList();
  }

  @Override
  public String inspectNetwork(String ref, java.util.function.Predicate<ContainerSummary> visible) {
    record("inspectNetwork " + ref);
    io.berth.core.result.NetworkSummary n = networks.get(ref);
    if (n == null) throw new EngineException(Failure.NOT_FOUND, "network " + ref + " not found");
    return "{\n    \"Name\": \"" + n.name() + "\"\n}";
  }

  @Override
  public String createNetwork(String name, String driver, String subnet, Map<String, String> labels, boolean internal) {
    record("createNetwork " + name + " driver=" + driver + " subnet=" + subnet + " labels=" + labels + " internal=" + internal);
    return "net-" + name;
  }

  @Override
  public void removeNetwork(String ref) {
    record("removeNetwork " + ref);
  }

  @Override
  public List<io.berth.core.result.VolumeSummary> volumes(Map<String, List<String>> filters) {
    record("volumes " + filters);
    boolean danglingOnly = filters.getOrDefault("dangling", List.of()).contains("true");
    return volumes.values().stream().sorted(java.util.Comparator.comparing(VolumeUsage::name))
        .filter(v -> !danglingOnly || v.usedBy().isEmpty())
        .map(v -> new io.berth.core.result.VolumeSummary(v.name(), "local", v.labels())).toList();
  }

  @Override
  public String inspectVolume(String name) {
    record("inspectVolume " + name);
    if (!volumes.containsKey(name)) throw new EngineException(Failure.NOT_FOUND, "get " + name + ": no such volume");
    return "{\n    \"Name\": \"" + name + "\"\n}";
  }

  @Override
  public String createVolume(String name, Map<String, String> labels) {
    record("createVolume " + name + " labels=" + labels);
    return name == null ? "0123abcd" : name;
  }

  @Override
  public void removeVolume(String name, boolean force) {
    record("removeVolume " + name + " force=" + force);
  }

  @Override
  public io.berth.core.result.VolumesPruned pruneVolumes(boolean all, Map<String, List<String>> filters) {
    record("pruneVolumes all=" + all + " " + filters);
    return new io.berth.core.result.VolumesPruned(List.of(), 0);
  }

  @Override
  public Optional<io.berth.core.result.ContainerPath> statPath(String containerId, String path) {
    record("statPath " + containerId + " " + path);
    return Optional.empty();
  }

  @Override
  public java.io.InputStream copyFrom(String containerId, String path) {
    record("copyFrom " + containerId + " " + path);
    byte[] tar = files.get(containerId + ":" + path);
    if (tar == null) throw new EngineException(Failure.NOT_FOUND, "Could not find the file " + path + " in container " + containerId);
    return new java.io.ByteArrayInputStream(tar);
  }

  @Override
  public void copyTo(String containerId, String directory, java.io.InputStream tar) {
    record("copyTo " + containerId + " " + directory);
  }

  // ---- pause, unpause, top, port, rename, tag, push, events, system df, prune ----

  private final Map<String, List<io.berth.core.command.Port.Mapping>> ports = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile io.berth.core.command.Events.History history = new io.berth.core.command.Events.History(List.of(), 0);
  private final List<String> eventQueries = Collections.synchronizedList(new ArrayList<>());

  /** Published ports of a container added with {@link #with}. */
  public RecordingContainerEngine withPorts(String id, io.berth.core.command.Port.Mapping... mappings) {
    ports.put(id, List.of(mappings));
    return this;
  }

  /** What {@link #events(Instant, Instant, Map, int)} answers. */
  public RecordingContainerEngine withEvents(io.berth.core.command.Events.Event... events) {
    history = new io.berth.core.command.Events.History(List.of(events), 0);
    return this;
  }

  /** Each events query as {@code since until filters}. */
  public List<String> eventQueries() {
    return List.copyOf(eventQueries);
  }

  @Override
  public void pause(String containerId) {
    record("pause " + containerId);
  }

  @Override
  public void unpause(String containerId) {
    record("unpause " + containerId);
  }

  @Override
  public io.berth.core.command.Top.Processes top(String containerId, List<String> psArgs) {
    record("top " + containerId + " " + String.join(" ", psArgs));
    return new io.berth.core.command.Top.Processes(List.of("UID", "PID", "CMD"), List.of(List.of("root", "1", "sleep 300")));
  }

  @Override
  public List<io.berth.core.command.Port.Mapping> ports(String containerId) {
    record("ports " + containerId);
    return ports.getOrDefault(containerId, List.of());
  }

  @Override
  public void rename(String containerId, String newName) {
    record("rename " + containerId + " " + newName);
  }

  @Override
  public void tag(String source, String target) {
    record("tag " + source + " " + target);
  }

  @Override
  public String push(String image, ProgressListener progress) {
    record("push " + image);
    return "latest: digest: sha256:fake size: 1";
  }

  @Override
  public io.berth.core.command.Events.History events(Instant since, Instant until, Map<String, List<String>> filters, int max) {
    eventQueries.add(since + " " + until + " " + filters);
    return history;
  }

  /** Replays {@link #withEvents} as a follow would, then waits, as the engine does, until the caller stops it. */
  @Override
  public void followEvents(Instant since, Map<String, List<String>> filters,
      java.util.function.Consumer<io.berth.core.command.Events.Event> sink) {
    eventQueries.add("follow " + since + " " + filters);
    history.events().forEach(sink);
    try {
      new java.util.concurrent.CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // as the adapter: stopped, the flag kept for the caller
    }
  }

  @Override
  public io.berth.core.command.SystemDf.Usage diskUsage() {
    record("df");
    return new io.berth.core.command.SystemDf.Usage(List.of(
        new io.berth.core.command.SystemDf.Row("Images", 2, 1, 2_000_000, 1_000_000, true)));
  }

  @Override
  public long writableSize(String containerId) {
    return 10;
  }

  @Override
  public io.berth.core.command.ImagePrune.Pruned pruneImages(boolean all, Map<String, List<String>> filters) {
    record("image prune all=" + all + " " + filters);
    return new io.berth.core.command.ImagePrune.Pruned(List.of("deleted: sha256:fake"), 1000);
  }
}
