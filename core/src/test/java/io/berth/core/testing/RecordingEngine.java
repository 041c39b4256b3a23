package io.berth.core.testing;

import io.berth.core.command.Ps;
import io.berth.core.command.Run;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Fake engine for core unit tests: holds a few containers in memory and records every call. */
public final class RecordingEngine implements ContainerEngine {
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<ContainerSummary> containers = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** Adds a running container named {@code name} (id {@code id-<name>}). */
  public RecordingEngine withRunning(String name) {
    containers.add(new ContainerSummary("id-" + name, name, "berth-test/busybox:latest", "running", "Up",
        List.of(), Instant.EPOCH, Map.of()));
    return this;
  }

  /** Every call so far, as {@code method arg...}. */
  public List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Calls other than the read-only lookups the core makes while resolving targets. */
  public List<String> mutatingCalls() {
    return calls().stream().filter(c -> c.startsWith("create") || c.startsWith("start") || c.startsWith("stop")
        || c.startsWith("restart") || c.startsWith("remove") || c.startsWith("pull") || c.startsWith("exec")
        || c.startsWith("build")).toList();
  }

  private void record(String call) {
    calls.add(call);
  }

  @Override
  public String endpoint() {
    return "fake";
  }

  @Override
  public String ping() {
    record("ping");
    return "fake-1.0";
  }

  @Override
  public List<ContainerSummary> listContainers(boolean all, List<Ps.Filter> filters) {
    record("listContainers");
    return List.copyOf(containers);
  }

  @Override
  public ContainerSummary resolveContainer(String ref) {
    record("resolveContainer " + ref);
    return containers.stream().filter(c -> c.name().equals(ref) || c.id().equals(ref)).findFirst()
        .orElseThrow(() -> new EngineException(Failure.NOT_FOUND, "No such container: " + ref));
  }

  @Override
  public boolean imageExists(String image) {
    record("imageExists " + image);
    return true;
  }

  @Override
  public String pull(String image, ProgressListener progress) {
    record("pull " + image);
    return "Downloaded newer image for " + image;
  }

  @Override
  public String create(Run run) {
    record("create " + run.image());
    String id = "created-" + ids.incrementAndGet();
    containers.add(new ContainerSummary(id, run.name() == null ? id : run.name(), run.image(), "created",
        "Created", List.of(), Instant.EPOCH, run.labels()));
    return id;
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
  public void restart(String containerId, Integer timeoutSeconds) {
    record("restart " + containerId);
  }

  @Override
  public void remove(String containerId, boolean force, boolean volumes) {
    record("remove " + containerId);
    containers.removeIf(c -> c.id().equals(containerId));
  }

  @Override
  public int waitForExit(String containerId, Duration timeout) {
    record("waitForExit " + containerId);
    return 0;
  }

  @Override
  public List<LogLine> logs(String containerId, Integer tail, Instant since, boolean timestamps, int maxLines) {
    record("logs " + containerId);
    return List.of();
  }

  @Override
  public Subscription followLogs(String containerId, Integer tail, boolean timestamps, Consumer<LogLine> sink) {
    record("followLogs " + containerId);
    return () -> record("unfollow " + containerId);
  }

  @Override
  public ExecOutput exec(String containerId, List<String> command, Map<String, String> env, String workdir,
      Duration timeout, int maxOutputBytes) {
    record("exec " + containerId);
    return new ExecOutput(containerId, 0, "", "", false);
  }

  @Override
  public BuildOutput build(String tag, Path context, boolean isTarball, ProgressListener progress) {
    record("build " + tag);
    return new BuildOutput("sha256:fake", tag, List.of());
  }

  @Override
  public ContainerDetails inspect(String containerId) {
    record("inspect " + containerId);
    throw new EngineException(Failure.NOT_FOUND, "fake engine does not inspect");
  }

  @Override
  public List<ImageSummary> images(boolean all) {
    record("images");
    return List.of();
  }

  @Override
  public StatsSnapshot stats(String containerId) {
    record("stats " + containerId);
    return new StatsSnapshot(containerId, containerId, 0, 0, 0, 0);
  }

  @Override
  public List<String> removeImage(String image, boolean force) {
    record("removeImage " + image);
    return List.of("Untagged: " + image);
  }

  @Override
  public Subscription events(Consumer<ContainerEvent> sink) {
    record("events");
    return () -> record("events closed");
  }
}
