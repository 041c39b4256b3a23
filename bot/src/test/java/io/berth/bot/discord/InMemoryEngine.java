package io.berth.bot.discord;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** In-memory stand-in for one Docker endpoint: containers with log lines, and an event feed. */
final class InMemoryEngine implements ContainerEngine {
  private final Map<String, ContainerSummary> byId = new ConcurrentHashMap<>();
  private final Map<String, List<String>> logLines = new ConcurrentHashMap<>();
  final List<Consumer<ContainerEvent>> eventSinks = new CopyOnWriteArrayList<>();

  ContainerSummary add(String name, String state, List<String> logs) {
    return add(name, state, logs, Map.of("berth.test", "true"));
  }

  /** A container the test policy keeps out of every user's scope (no berth.test label). */
  ContainerSummary addOutOfScope(String name) {
    return add(name, "running", List.of(), Map.of());
  }

  private ContainerSummary add(String name, String state, List<String> logs, Map<String, String> labels) {
    byte[] b = new byte[32];
    new java.security.SecureRandom().nextBytes(b);
    String id = HexFormat.of().formatHex(b);
    ContainerSummary c = new ContainerSummary(id, name, "berth-test/busybox:latest", state,
        state.equals("running") ? "Up 5 seconds" : "Exited (0) 5 seconds ago", List.of(), Instant.now(),
        labels);
    byId.put(id, c);
    logLines.put(id, List.copyOf(logs));
    return c;
  }

  boolean exists(String name) {
    return byId.values().stream().anyMatch(c -> c.name().equals(name));
  }

  void emit(ContainerEvent e) {
    eventSinks.forEach(s -> s.accept(e));
  }

  @Override
  public String endpoint() {
    return "local";
  }

  @Override
  public String ping() {
    return "test";
  }

  @Override
  public List<ContainerSummary> listContainers(boolean all, List<Ps.Filter> filters) {
    return byId.values().stream().filter(c -> all || c.running()).toList();
  }

  @Override
  public ContainerSummary resolveContainer(String ref) {
    for (ContainerSummary c : byId.values()) if (c.name().equals(ref) || c.id().equals(ref)) return c;
    List<ContainerSummary> prefix = byId.values().stream().filter(c -> c.id().startsWith(ref)).toList();
    if (prefix.size() == 1) return prefix.get(0);
    throw new EngineException(Failure.NOT_FOUND, "No such container: " + ref);
  }

  @Override
  public void remove(String containerId, boolean force, boolean volumes) {
    ContainerSummary c = byId.get(containerId);
    if (c == null) throw new EngineException(Failure.NOT_FOUND, "No such container: " + containerId);
    if (c.running() && !force) throw new EngineException(Failure.CONFLICT, "container is running: stop it first or use -f");
    byId.remove(containerId);
  }

  @Override
  public void restart(String containerId, Integer timeoutSeconds) {
    resolveContainer(containerId);
  }

  @Override
  public void start(String containerId) {
    resolveContainer(containerId);
  }

  @Override
  public boolean stop(String containerId, Integer timeoutSeconds) {
    resolveContainer(containerId);
    return true;
  }

  @Override
  public List<LogLine> logs(String containerId, Integer tail, Instant since, boolean timestamps, int maxLines) {
    List<String> all = logLines.getOrDefault(containerId, List.of());
    int keep = Math.min(maxLines, tail == null ? all.size() : Math.min(tail, all.size()));
    List<LogLine> out = new ArrayList<>();
    for (String s : all.subList(all.size() - keep, all.size())) out.add(new LogLine(null, LogLine.Stream.STDOUT, s));
    return out;
  }

  @Override
  public Subscription events(Consumer<ContainerEvent> sink) {
    eventSinks.add(sink);
    return () -> eventSinks.remove(sink);
  }

  // Not needed by the Discord tests.
  @Override public boolean imageExists(String image) { throw new UnsupportedOperationException(); }
  @Override public String pull(String image, ProgressListener progress) { throw new UnsupportedOperationException(); }
  @Override public String create(Run run) { throw new UnsupportedOperationException(); }
  @Override public int waitForExit(String containerId, Duration timeout) { throw new UnsupportedOperationException(); }
  @Override public Subscription followLogs(String id, Integer tail, boolean ts, Consumer<LogLine> sink) { throw new UnsupportedOperationException(); }
  @Override public ExecOutput exec(String id, List<String> cmd, Map<String, String> env, String wd, Duration t, int max) { throw new UnsupportedOperationException(); }
  @Override public BuildOutput build(String tag, Path context, boolean isTarball, ProgressListener progress) { throw new UnsupportedOperationException(); }
  @Override public ContainerDetails inspect(String containerId) { throw new UnsupportedOperationException(); }
  @Override public List<ImageSummary> images(boolean all) { throw new UnsupportedOperationException(); }
  @Override public StatsSnapshot stats(String containerId) { throw new UnsupportedOperationException(); }
  @Override public List<String> removeImage(String image, boolean force) { throw new UnsupportedOperationException(); }
}
