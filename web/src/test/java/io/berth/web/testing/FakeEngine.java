package io.berth.web.testing;

import io.berth.core.command.Ps;
import io.berth.core.command.Run;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.result.EngineStatus;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * In-memory engine for the console's HTTP tests: containers it can be told about, events and log
 * lines pushed by the test, and a record of mutating calls. Its containers behave as the engine's do
 * ({@code FakeEngineContractTest} holds it to core's {@code ContainerEngineContract}): unique names,
 * docker's states and errors, lifecycle events. It runs no commands: a started container runs until
 * stopped or killed; a container it was told about (with {@link #with}) has printed one line.
 */
public final class FakeEngine implements ContainerEngine {
  private final Map<String, ContainerSummary> containers = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<Consumer<ContainerEvent>> eventSinks = new CopyOnWriteArrayList<>();
  private final List<Consumer<EngineStatus>> statusSinks = new CopyOnWriteArrayList<>();
  private final List<Consumer<LogLine>> logSinks = new CopyOnWriteArrayList<>();
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<LogLine>> printed = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<String>> commands = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile int openFollows;

  public FakeEngine with(String id, String name, String state, Map<String, String> labels) {
    containers.put(id, new ContainerSummary(id, name, "img:1", state, state, List.of("8080->80/tcp"),
        Instant.now().minusSeconds(3600), labels));
    printed.put(id, List.of(new LogLine(null, LogLine.Stream.STDOUT, "hello from " + id)));
    return this;
  }

  /** A container that printed {@code out}, then {@code err}, and exited 0 (as if run outside Berth); returns its id. */
  public String printed(String name, List<String> out, List<String> err) {
    String id = newId();
    containers.put(id, new ContainerSummary(id, name, "img:1", "exited", "Exited (0) Less than a second ago", List.of(),
        Instant.now(), Map.of()));
    List<LogLine> lines = new ArrayList<>();
    out.forEach(l -> lines.add(new LogLine(null, LogLine.Stream.STDOUT, l)));
    err.forEach(l -> lines.add(new LogLine(null, LogLine.Stream.STDERR, l)));
    printed.put(id, List.copyOf(lines));
    return id;
  }

  private static String newId() {
    StringBuilder id = new StringBuilder();
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    while (id.length() < 64) id.append(Long.toHexString(r.nextLong() & Long.MAX_VALUE | Long.MIN_VALUE >>> 1));
    return id.substring(0, 64);
  }

  private void requireFreeName(String name) {
    synchronized (containers) {
      for (ContainerSummary c : containers.values()) {
        if (c.name().equals(name)) {
          throw new EngineException(Failure.CONFLICT, "Conflict. The container name \"/" + name + "\" is already in use by container \""
              + c.id() + "\". You have to remove (or rename) that container to be able to reuse that name.");
        }
      }
    }
  }

  private static EngineException notRunning(ContainerSummary c) {
    return new EngineException(Failure.CONFLICT, "Container " + c.id() + " is not running");
  }

  /** 128 + the signal's number, as a process killed by it exits. */
  private static int killedBy(String signal) {
    String s = signal == null ? "KILL" : signal.toUpperCase(java.util.Locale.ROOT).replaceFirst("^SIG", "");
    if (s.matches("\\d+")) return 128 + Integer.parseInt(s);
    return 128 + switch (s) {
      case "HUP" -> 1;
      case "INT" -> 2;
      case "QUIT" -> 3;
      case "USR1" -> 10;
      case "USR2" -> 12;
      case "TERM" -> 15;
      default -> 9;
    };
  }

  private void emit(ContainerSummary c, String action, Integer exitCode) {
    emit(new ContainerEvent(Instant.now(), c.id(), c.name(), action, exitCode, Map.of("name", c.name())));
  }

  public List<String> calls() {
    return List.copyOf(calls);
  }

  public int openFollows() {
    return openFollows;
  }

  public int eventSubscribers() {
    return eventSinks.size();
  }

  public void emit(ContainerEvent e) {
    eventSinks.forEach(s -> s.accept(e));
  }

  /** Tells every event subscriber the engine was lost or is back, as the real adapter does on a restart. */
  public void engineStatus(EngineStatus status) {
    statusSinks.forEach(s -> s.accept(status));
  }

  /** Writes lines to every open follow, as a container printing them would. */
  public void print(String... lines) {
    for (String l : lines) logSinks.forEach(s -> s.accept(new LogLine(null, LogLine.Stream.STDOUT, l)));
  }

  @Override
  public String endpoint() {
    return "fake";
  }

  @Override
  public String ping() {
    return "fake";
  }

  @Override
  public List<ContainerSummary> listContainers(boolean all, List<Ps.Filter> filters) {
    List<ContainerSummary> out = new ArrayList<>();
    synchronized (containers) {
      for (ContainerSummary c : containers.values()) {
        boolean ok = all || c.running();
        for (Ps.Filter f : filters) {
          if (f.key().equals("id")) ok &= c.id().startsWith(f.value());
          if (f.key().equals("name")) ok &= c.name().contains(f.value());
          if (f.key().equals("status")) ok &= c.state().equals(f.value());
          if (f.key().equals("label")) {
            int eq = f.value().indexOf('=');
            ok &= eq < 0 ? c.labels().containsKey(f.value())
                : f.value().substring(eq + 1).equals(c.labels().get(f.value().substring(0, eq)));
          }
        }
        if (ok) out.add(c);
      }
    }
    return out;
  }

  @Override
  public ContainerSummary resolveContainer(String ref) {
    String name = ref.startsWith("/") ? ref.substring(1) : ref;
    synchronized (containers) {
      for (ContainerSummary c : containers.values()) {
        if (c.id().equals(ref) || c.name().equals(name)) return c;
      }
      List<ContainerSummary> byPrefix = containers.values().stream().filter(c -> !ref.isEmpty() && c.id().startsWith(ref)).toList();
      if (byPrefix.size() == 1) return byPrefix.get(0);
      if (byPrefix.size() > 1) {
        throw new EngineException(Failure.INVALID, "ambiguous container prefix \"" + ref + "\" matches: "
            + String.join(", ", byPrefix.stream().map(ContainerSummary::name).toList()));
      }
    }
    throw new EngineException(Failure.NOT_FOUND, "No such container: " + ref);
  }

  @Override
  public java.util.Optional<io.berth.core.engine.VolumeUsage> volume(String name) {
    return java.util.Optional.empty();
  }

  @Override
  public boolean imageExists(String image) {
    return true;
  }

  @Override
  public String pull(String image, ProgressListener progress) {
    calls.add("pull " + image);
    return "Status: Image is up to date for " + image;
  }

  @Override
  public String create(Run run) {
    calls.add("create " + run.image());
    String id = newId();
    String name = run.name() == null ? "fake_" + id.substring(0, 8) : run.name();
    ContainerSummary c;
    synchronized (containers) {
      requireFreeName(name);
      c = new ContainerSummary(id, name, run.image(), "created", "Created", List.of(), Instant.now(), run.labels());
      containers.put(id, c);
    }
    commands.put(id, List.copyOf(run.command()));
    emit(c, "create", null);
    return id;
  }

  @Override
  public void start(String containerId) {
    calls.add("start " + containerId);
    ContainerSummary c = resolveContainer(containerId);
    if (c.running()) return; // the engine's 304: already started
    emit(setState(c, "running", null), "start", null);
  }

  @Override
  public boolean stop(String containerId, Integer timeoutSeconds) {
    calls.add("stop " + containerId);
    ContainerSummary c = resolveContainer(containerId);
    if (!c.running()) return false;
    ContainerSummary after = setState(c, "exited", 137); // sleep as PID 1 ignores SIGTERM: killed when the time is up
    emit(after, "die", 137);
    emit(after, "stop", null);
    return true;
  }

  @Override
  public void kill(String containerId, String signal) {
    calls.add("kill " + containerId);
    ContainerSummary c = resolveContainer(containerId);
    if (!c.running()) throw notRunning(c);
    emit(c, "kill", null);
    emit(setState(c, "exited", killedBy(signal)), "die", killedBy(signal));
  }

  @Override
  public void restart(String containerId, Integer timeoutSeconds) {
    calls.add("restart " + containerId);
    ContainerSummary c = resolveContainer(containerId);
    if (c.running()) emit(setState(c, "exited", 137), "die", 137);
    ContainerSummary after = setState(resolveContainer(c.id()), "running", null);
    emit(after, "start", null);
    emit(after, "restart", null);
  }

  @Override
  public void remove(String containerId, boolean force, boolean volumes) {
    calls.add("remove " + containerId);
    ContainerSummary c = resolveContainer(containerId);
    if (c.running() && !force) {
      throw new EngineException(Failure.CONFLICT, "You cannot remove a running container " + c.id()
          + ". Stop the container before attempting removal or force remove");
    }
    containers.remove(c.id());
    if (c.running()) emit(c, "die", 137);
    emit(c, "destroy", null);
  }

  @Override
  public int waitForExit(String containerId, Duration timeout) {
    Integer code = resolveContainer(containerId).exitCode();
    return code == null ? 0 : code;
  }

  @Override
  public List<LogLine> logs(String containerId, Integer tail, Instant since, boolean timestamps, int maxLines) {
    List<LogLine> lines = printed.getOrDefault(resolveContainer(containerId).id(), List.of());
    int keep = Math.min(maxLines, tail == null ? lines.size() : Math.max(0, tail));
    return lines.subList(Math.max(0, lines.size() - keep), lines.size());
  }

  @Override
  public Subscription followLogs(String containerId, Integer tail, boolean timestamps, Consumer<LogLine> sink) {
    logSinks.add(sink);
    openFollows++;
    return () -> {
      if (logSinks.remove(sink)) openFollows--;
    };
  }

  @Override
  public ExecOutput exec(String containerId, List<String> command, Map<String, String> env, String workdir,
      Duration timeout, int maxOutputBytes) {
    calls.add("exec " + containerId + " " + String.join(" ", command));
    return new ExecOutput(containerId, 0, String.join(" ", command) + "\n", "", false);
  }

  @Override
  public BuildOutput build(io.berth.core.command.Build request, Path context, ProgressListener progress) {
    calls.add("build " + request.tag());
    return new BuildOutput("sha256:abc", request.tag(), List.of());
  }

  @Override
  public ContainerDetails inspect(String containerId) {
    ContainerSummary c = resolveContainer(containerId);
    return new ContainerDetails(c, "sha256:img", commands.getOrDefault(c.id(), List.of("sleep", "300")), List.of("SECRET=hunter2"), List.of(), "no",
        null, Instant.now(), null, null, 0, false, Map.of("bridge", "172.17.0.2"));
  }

  @Override
  public List<ImageSummary> images(boolean all) {
    return List.of(new ImageSummary("sha256:0123456789abcdef", List.of("img:1"), 1234567, Instant.now()));
  }

  @Override
  public StatsSnapshot stats(String containerId) {
    return new StatsSnapshot(containerId, resolveContainer(containerId).name(), 1.5, 10_000_000, 100_000_000, 3);
  }

  @Override
  public List<String> removeImage(String image, boolean force) {
    calls.add("rmi " + image);
    return List.of("Untagged: " + image);
  }

  @Override
  public Subscription events(Consumer<ContainerEvent> sink) {
    eventSinks.add(sink);
    return () -> eventSinks.remove(sink);
  }

  @Override
  public Subscription events(Consumer<ContainerEvent> sink, Consumer<EngineStatus> status) {
    Subscription events = events(sink);
    statusSinks.add(status);
    return () -> {
      events.close();
      statusSinks.remove(status);
    };
  }

  /** A container's row in a new state; docker's status words, the exit code in an exited one's. */
  private ContainerSummary setState(ContainerSummary c, String state, Integer exitCode) {
    String status = switch (state) {
      case "running" -> "Up Less than a second";
      case "paused" -> "Up Less than a second (Paused)";
      case "exited" -> "Exited (" + exitCode + ") Less than a second ago";
      default -> state;
    };
    ContainerSummary after = new ContainerSummary(c.id(), c.name(), c.image(), state, status, c.ports(), c.created(), c.labels());
    containers.put(c.id(), after);
    return after;
  }
  // ---- networks, volumes, files: the console does not use them; an empty engine ----

  @Override
  public List<io.berth.core.result.NetworkSummary> networks(Map<String, List<String>> filters) {
    return List.of();
  }

  @Override
  public String inspectNetwork(String ref, java.util.function.Predicate<ContainerSummary> visible) {
    throw new EngineException(Failure.NOT_FOUND, "network " + ref + " not found");
  }

  @Override
  public String createNetwork(String name, String driver, String subnet, Map<String, String> labels, boolean internal) {
    return "net-" + name;
  }

  @Override
  public void removeNetwork(String ref) {
    throw new EngineException(Failure.NOT_FOUND, "network " + ref + " not found");
  }

  @Override
  public List<io.berth.core.result.VolumeSummary> volumes(Map<String, List<String>> filters) {
    return List.of();
  }

  @Override
  public String inspectVolume(String name) {
    throw new EngineException(Failure.NOT_FOUND, "get " + name + ": no such volume");
  }

  @Override
  public String createVolume(String name, Map<String, String> labels) {
    return name;
  }

  @Override
  public void removeVolume(String name, boolean force) {
    throw new EngineException(Failure.NOT_FOUND, "get " + name + ": no such volume");
  }

  @Override
  public io.berth.core.result.VolumesPruned pruneVolumes(boolean all, Map<String, List<String>> filters) {
    return new io.berth.core.result.VolumesPruned(List.of(), 0);
  }

  @Override
  public java.util.Optional<io.berth.core.result.ContainerPath> statPath(String containerId, String path) {
    return java.util.Optional.empty();
  }

  @Override
  public java.io.InputStream copyFrom(String containerId, String path) {
    throw new EngineException(Failure.NOT_FOUND, "Could not find the file " + path + " in container " + containerId);
  }

  @Override
  public void copyTo(String containerId, String directory, java.io.InputStream tar) {
    throw new EngineException(Failure.INVALID, "copying into containers is not faked");
  }

  // ---- pause, unpause, top, port, rename, tag, push, events, system df, prune: recorded, answered empty ----

  @Override
  public void pause(String containerId) {
    calls.add("pause " + containerId);
    ContainerSummary c = resolveContainer(containerId);
    if (!c.state().equals("running")) throw notRunning(c);
    emit(setState(c, "paused", null), "pause", null);
  }

  @Override
  public void unpause(String containerId) {
    calls.add("unpause " + containerId);
    ContainerSummary c = resolveContainer(containerId);
    if (!c.state().equals("paused")) throw new EngineException(Failure.CONFLICT, "Container " + c.id() + " is not paused");
    emit(setState(c, "running", null), "unpause", null);
  }

  @Override
  public io.berth.core.command.Top.Processes top(String containerId, List<String> psArgs) {
    calls.add("top " + containerId);
    return new io.berth.core.command.Top.Processes(List.of("PID", "CMD"), List.of());
  }

  @Override
  public List<io.berth.core.command.Port.Mapping> ports(String containerId) {
    calls.add("ports " + containerId);
    return List.of();
  }

  @Override
  public void rename(String containerId, String newName) {
    calls.add("rename " + containerId + " " + newName);
    synchronized (containers) {
      ContainerSummary c = resolveContainer(containerId);
      requireFreeName(newName);
      containers.put(c.id(), new ContainerSummary(c.id(), newName, c.image(), c.state(), c.status(), c.ports(), c.created(),
          c.labels()));
    }
  }

  @Override
  public void tag(String source, String target) {
    calls.add("tag " + source + " " + target);
  }

  @Override
  public String push(String image, ProgressListener progress) {
    calls.add("push " + image);
    return "latest: digest: sha256:fake size: 1";
  }

  @Override
  public io.berth.core.command.Events.History events(Instant since, Instant until, Map<String, List<String>> filters, int max) {
    calls.add("events");
    return new io.berth.core.command.Events.History(List.of(), 0);
  }

  @Override
  public io.berth.core.command.SystemDf.Usage diskUsage() {
    calls.add("df");
    return new io.berth.core.command.SystemDf.Usage(List.of());
  }

  @Override
  public long writableSize(String containerId) {
    return 0;
  }

  @Override
  public io.berth.core.command.ImagePrune.Pruned pruneImages(boolean all, Map<String, List<String>> filters) {
    calls.add("prune images");
    return new io.berth.core.command.ImagePrune.Pruned(List.of(), 0);
  }
}
