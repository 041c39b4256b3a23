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
 * Engine stand-in for policy and service tests: knows a set of containers and records every call that
 * would change or read the engine (resolving a name is not recorded: it is the lookup the core needs
 * before deciding). Its containers behave as the engine's do ({@code RecordingContainerEngineContractTest}
 * holds it to {@link io.berth.core.engine.ContainerEngineContract}): unique names, docker's states and
 * errors, lifecycle events. It runs no commands: a started container runs until stopped or killed, and
 * waiting for one that runs returns 0 at once, as for a command that exited at once. Tests that watch live
 * streams (the console's) push events, engine status changes and log lines with {@link #emit(ContainerEvent)},
 * {@link #engineStatus} and {@link #print}, and see what is still subscribed with {@link #openFollows} and
 * {@link #eventSubscribers}.
 */
public final class RecordingContainerEngine implements ContainerEngine {
  private final List<ContainerSummary> containers = Collections.synchronizedList(new ArrayList<>());
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<Run> created = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, VolumeUsage> volumes = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<String>> commands = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<String>> envs = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<LogLine>> printed = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Consumer<ContainerEvent>> eventSinks = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Consumer<io.berth.core.result.EngineStatus>> statusSinks = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Consumer<LogLine>> logSinks = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A container that printed {@code out}, then {@code err}, and exited 0 (as if run outside Berth); returns its id. */
  public String printed(String name, List<String> out, List<String> err) {
    String id = newId();
    containers.add(new ContainerSummary(id, name, "img:1", "exited", "Exited (0) Less than a second ago", List.of(),
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

  /** The container {@code ref} names (id, name or id prefix, as {@link #resolveContainer}); NOT_FOUND as the engine says it. */
  private ContainerSummary existing(String ref) {
    return resolveContainer(ref);
  }

  /** A container's row in a new state, in its place; docker's status words, the exit code in an exited one's. */
  private ContainerSummary moved(ContainerSummary c, String state, Integer exitCode) {
    String status = switch (state) {
      case "running" -> "Up Less than a second";
      case "paused" -> "Up Less than a second (Paused)";
      case "exited" -> "Exited (" + exitCode + ") Less than a second ago";
      default -> state;
    };
    ContainerSummary after = new ContainerSummary(c.id(), c.name(), c.image(), state, status, c.ports(), c.created(),
        c.labels(), c.command(), c.imageId());
    replace(c, after);
    return after;
  }

  private void replace(ContainerSummary before, ContainerSummary after) {
    synchronized (containers) {
      int at = containers.indexOf(before);
      if (at >= 0) containers.set(at, after);
    }
  }

  private void emit(ContainerSummary c, String action, Integer exitCode) {
    emit(new ContainerEvent(Instant.now(), c.id(), c.name(), action, exitCode, Map.of("name", c.name())));
  }

  /** Tells every event subscriber about {@code e}, as the engine's event stream would. */
  public void emit(ContainerEvent e) {
    eventSinks.forEach(s -> s.accept(e));
    Map<String, String> attributes = new java.util.HashMap<>(e.attributes());
    if (e.name() != null) attributes.put("name", e.name());
    if (e.exitCode() != null) attributes.put("exitCode", String.valueOf(e.exitCode()));
    emitEvent(new io.berth.core.command.Events.Event(e.time(), "container", e.action(), e.containerId(), attributes));
  }

  /** Tells every event subscriber the engine was lost or is back, as the real adapter does on a restart. */
  public void engineStatus(io.berth.core.result.EngineStatus status) {
    statusSinks.forEach(s -> s.accept(status));
  }

  /** Writes lines to every open follow, as a container printing them would. */
  public void print(String... lines) {
    for (String l : lines) logSinks.forEach(s -> s.accept(new LogLine(null, LogLine.Stream.STDOUT, l)));
  }

  /** Log follows not yet closed. */
  public int openFollows() {
    return logSinks.size();
  }

  /** Event subscriptions not yet closed. */
  public int eventSubscribers() {
    return eventSinks.size();
  }

  private void requireFreeName(String name) {
    synchronized (containers) {
      for (ContainerSummary c : containers) {
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

  /** docker's list filters this fake knows: id (prefix), name (part of it), label (key or key=value), status. */
  private static boolean matches(ContainerSummary c, List<Ps.Filter> filters) {
    for (Ps.Filter f : filters) {
      boolean ok = switch (f.key()) {
        case "id" -> c.id().startsWith(f.value());
        case "name" -> c.name().contains(f.value().startsWith("/") ? f.value().substring(1) : f.value());
        case "status" -> c.state().equals(f.value());
        case "label" -> {
          int eq = f.value().indexOf('=');
          yield eq < 0 ? c.labels().containsKey(f.value())
              : f.value().substring(eq + 1).equals(c.labels().get(f.value().substring(0, eq)));
        }
        default -> true;
      };
      if (!ok) return false;
    }
    return true;
  }

  public RecordingContainerEngine with(String id, String name, String state, Map<String, String> labels) {
    containers.add(new ContainerSummary(id, name, "img:1", state, state, List.of(), Instant.EPOCH, labels));
    return this;
  }

  /**
   * The container exits while its stats are sampled: the sample fails as the real engine's does (its stream ends
   * with nothing) and the container is then exited.
   */
  public RecordingContainerEngine exitsWhileSampled(String id) {
    exitsWhileSampled.add(id);
    return this;
  }

  private final java.util.Set<String> exitsWhileSampled = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The environment {@link #inspect} shows for a container added with {@link #with}, e.g. {@code SECRET=hunter2}. */
  public RecordingContainerEngine withEnv(String id, String... env) {
    envs.put(id, List.of(env));
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
    unreachableWhenLost();
    return "fake";
  }

  @Override
  public List<ContainerSummary> listContainers(boolean all, List<Ps.Filter> filters) {
    record("list all=" + all);
    return List.copyOf(containers).stream().filter(c -> all || c.running()).filter(c -> matches(c, filters)).toList();
  }

  @Override
  public List<ContainerSummary> listContainers(boolean all, List<Ps.Filter> filters, boolean size) {
    if (!size) return listContainers(all, filters);
    record("list all=" + all + " size=true");
    // a container's sizes as docker reports them for busybox: nothing written, 1.24MB image
    return List.copyOf(containers).stream().filter(c -> all || c.running()).filter(c -> matches(c, filters))
        .map(c -> c.withSizes(0L, 1_240_000L)).toList();
  }

  @Override
  public ContainerSummary resolveContainer(String ref) {
    String name = ref.startsWith("/") ? ref.substring(1) : ref;
    return List.copyOf(containers).stream().filter(c -> c.name().equals(name) || !ref.isEmpty() && c.id().startsWith(ref))
        .findFirst().orElseThrow(() -> new EngineException(Failure.NOT_FOUND, "No such container: " + ref));
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
    String id = newId();
    String name = run.name() == null ? "fake_" + id.substring(0, 8) : run.name();
    ContainerSummary c;
    synchronized (containers) {
      requireFreeName(name);
      c = new ContainerSummary(id, name, run.image(), "created", "Created", List.of(), Instant.now(), run.labels(),
          String.join(" ", run.command()), "");
      containers.add(c);
    }
    commands.put(id, List.copyOf(run.command()));
    emit(c, "create", null);
    return id;
  }

  @Override
  public void start(String containerId) {
    record("start " + containerId);
    ContainerSummary c = existing(containerId);
    if (c.running()) return; // the engine's 304: already started
    emit(moved(c, "running", null), "start", null);
  }

  @Override
  public boolean stop(String containerId, Integer timeoutSeconds) {
    record("stop " + containerId);
    ContainerSummary c = existing(containerId);
    if (!c.running()) return false;
    ContainerSummary after = moved(c, "exited", 137); // sleep as PID 1 ignores SIGTERM: killed when the time is up
    emit(after, "die", 137);
    emit(after, "stop", null);
    return true;
  }

  @Override
  public void kill(String containerId, String signal) {
    record("kill " + containerId + " " + signal);
    ContainerSummary c = existing(containerId);
    if (!c.running()) throw notRunning(c);
    emit(c, "kill", null);
    emit(moved(c, "exited", killedBy(signal)), "die", killedBy(signal));
  }

  @Override
  public void restart(String containerId, Integer timeoutSeconds) {
    record("restart " + containerId);
    ContainerSummary c = existing(containerId);
    if (c.running()) emit(moved(c, "exited", 137), "die", 137);
    ContainerSummary after = moved(existing(c.id()), "running", null);
    emit(after, "start", null);
    emit(after, "restart", null);
  }

  @Override
  public void remove(String containerId, boolean force, boolean volumes) {
    record("remove " + containerId + " force=" + force);
    ContainerSummary c = existing(containerId);
    if (c.running() && !force) {
      throw new EngineException(Failure.CONFLICT, "You cannot remove a running container " + c.id()
          + ". Stop the container before attempting removal or force remove");
    }
    containers.remove(c);
    if (c.running()) emit(c, "die", 137);
    emit(c, "destroy", null);
  }

  @Override
  public int waitForExit(String containerId, Duration timeout) {
    record("wait " + containerId);
    Integer code = existing(containerId).exitCode();
    return code == null ? 0 : code;
  }

  @Override
  public List<LogLine> logs(String containerId, Integer tail, Instant since, boolean timestamps, int maxLines) {
    record("logs " + containerId);
    List<LogLine> lines = printed.getOrDefault(existing(containerId).id(), List.of());
    int keep = Math.min(maxLines, tail == null ? lines.size() : Math.max(0, tail));
    return lines.subList(Math.max(0, lines.size() - keep), lines.size());
  }

  @Override
  public Subscription followLogs(String containerId, Integer tail, boolean timestamps, Consumer<LogLine> sink) {
    record("follow " + containerId);
    logSinks.add(sink);
    return () -> logSinks.remove(sink);
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

  /**
   * An interactive process as a TTY with echo shows it: what is typed comes back as output; a line {@code exit N}
   * ends it with N, {@link io.berth.core.engine.InteractiveProcess#close} with 129 (hung up, as the adapter's HUP).
   * Recorded as {@code terminal ID CMD [-u USER] COLSxROWS} and {@code resize ID COLSxROWS}.
   */
  @Override
  public io.berth.core.engine.InteractiveProcess openInteractive(io.berth.core.engine.InteractiveProcess.Spec spec,
      io.berth.core.engine.InteractiveProcess.Output output) {
    ContainerSummary c = existing(spec.containerId());
    if (!c.running()) throw new EngineException(Failure.CONFLICT, "Container " + c.id() + " is not running");
    String id = c.id();
    record("terminal " + id + " " + String.join(" ", spec.command()) + (spec.user() == null ? "" : " -u " + spec.user())
        + " " + spec.cols() + "x" + spec.rows());
    return echoing(id, output, code -> { });
  }

  /**
   * {@code run -it}: starts a created container as an echoing TTY (see {@link #openInteractive}), recorded as
   * {@code start-terminal ID COLSxROWS}; when it ends the container has exited with its code (and with AutoRemove,
   * which the fake reads from {@code --rm}, is gone).
   */
  @Override
  public io.berth.core.engine.InteractiveProcess startInteractive(String containerId, boolean tty, int cols, int rows,
      io.berth.core.engine.InteractiveProcess.Output output) {
    ContainerSummary c = existing(containerId);
    String id = c.id();
    boolean autoRemove = created.stream().anyMatch(r -> r.autoRemove() && c.name().equals(r.name()));
    record("start-terminal " + id + " " + cols + "x" + rows);
    start(id);
    return echoing(id, output, code -> {
      emit(moved(existing(id), "exited", code), "die", null);
      if (autoRemove) remove(id, true, false);
    });
  }

  private io.berth.core.engine.InteractiveProcess echoing(String id, io.berth.core.engine.InteractiveProcess.Output output,
      java.util.function.IntConsumer ended) {
    var exit = new java.util.concurrent.CompletableFuture<Integer>();
    exit.thenAccept(ended::accept);
    return new io.berth.core.engine.InteractiveProcess() {
      private final StringBuilder line = new StringBuilder();

      @Override
      public synchronized void write(byte[] input) {
        if (exit.isDone()) return;
        output.stdout(input.clone());
        for (byte b : input) {
          if (b == '\r' || b == '\n') {
            String typed = line.toString().strip();
            line.setLength(0);
            if (typed.matches("exit( \\d+)?")) {
              exit.complete(typed.length() > 4 ? Integer.parseInt(typed.substring(5)) : 0);
              return;
            }
          } else {
            line.append((char) (b & 0xff));
          }
        }
      }

      /** End of input: a shell reading end-of-file exits 0, as {@code sh} does. */
      @Override
      public void closeInput() {
        if (!exit.isDone()) record("close-input " + id);
        exit.complete(0);
      }

      @Override
      public void resize(int cols, int rows) {
        if (!exit.isDone()) record("resize " + id + " " + cols + "x" + rows);
      }

      @Override
      public java.util.concurrent.CompletableFuture<Integer> exit() {
        return exit;
      }

      @Override
      public void close() {
        exit.complete(129);
      }
    };
  }

  @Override
  public BuildOutput build(io.berth.core.command.Build request, Path context, ProgressListener progress) {
    record("build " + request.tag());
    throw new EngineException(Failure.INTERNAL, "build not faked");
  }

  @Override
  public ContainerDetails inspect(String containerId) {
    record("inspect " + containerId);
    ContainerSummary c = existing(containerId);
    return new ContainerDetails(c, "sha256:fake", commands.getOrDefault(c.id(), List.of()), envs.getOrDefault(c.id(), List.of()), List.of(), "no",
        c.exitCode(), null, null, null, 0, false, Map.of("bridge", "172.17.0.2"));
  }

  /**
   * A small engine document for a known container (its env holds a secret; with {@code size} the sizes
   * {@link #listContainers(boolean, List, boolean)} gives); NOT_FOUND otherwise.
   */
  @Override
  public String inspectDocument(String kind, String ref, boolean size) {
    record("inspect-json " + kind + " " + ref + (kind.equals("container") ? " size=" + size : ""));
    if (kind.equals("container")) {
      ContainerSummary c = resolveContainer(ref);
      return "{\"Id\":\"" + c.id() + "\",\"Name\":\"/" + c.name() + "\",\"State\":{\"Status\":\"" + c.state()
          + "\"},\"Config\":{\"Env\":[\"PATH=/bin\",\"SECRET=hunter2\"]}" + (size ? ",\"SizeRw\":0,\"SizeRootFs\":1240000" : "") + "}";
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
    if (exitsWhileSampled.remove(c.id())) {
      synchronized (this) {
        containers.replaceAll(x -> x.id().equals(c.id())
            ? new ContainerSummary(x.id(), x.name(), x.image(), "exited", "exited", x.ports(), x.created(), x.labels())
            : x);
      }
      throw new EngineException(Failure.INVALID, "the engine sent no stats for " + c.name());
    }
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
    eventSinks.add(sink);
    return () -> eventSinks.remove(sink);
  }

  @Override
  public Subscription events(Consumer<ContainerEvent> sink, Consumer<io.berth.core.result.EngineStatus> status) {
    Subscription events = events(sink);
    statusSinks.add(status);
    return () -> {
      events.close();
      statusSinks.remove(status);
    };
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
    ContainerSummary c = existing(containerId);
    if (!c.state().equals("running")) throw notRunning(c);
    emit(moved(c, "paused", null), "pause", null);
  }

  @Override
  public void unpause(String containerId) {
    record("unpause " + containerId);
    ContainerSummary c = existing(containerId);
    if (!c.state().equals("paused")) {
      throw new EngineException(Failure.CONFLICT, "Container " + c.id() + " is not paused");
    }
    emit(moved(c, "running", null), "unpause", null);
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
    synchronized (containers) {
      ContainerSummary c = existing(containerId);
      requireFreeName(newName);
      replace(c, new ContainerSummary(c.id(), newName, c.image(), c.state(), c.status(), c.ports(), c.created(), c.labels(),
          c.command(), c.imageId()));
    }
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

  /**
   * Replays {@link #withEvents} as a follow would, then hands on what {@link #emitEvent} sends and waits, as the engine
   * does, until the caller stops it; while the engine is {@link #loseEngine lost} it fails as the adapter does
   * (ENGINE_UNREACHABLE), an open follow too.
   */
  @Override
  public void followEvents(Instant since, Map<String, List<String>> filters,
      java.util.function.Consumer<io.berth.core.command.Events.Event> sink) {
    eventQueries.add("follow " + since + " " + filters);
    unreachableWhenLost();
    history.events().forEach(sink);
    synchronized (eventFollows) { // what happened since `since` first, as the engine replays it, then live
      if (since != null) followedLog.stream().filter(e -> !e.time().isBefore(since)).forEach(sink);
      eventFollows.add(sink);
    }
    try {
      synchronized (eventFollows) {
        while (lost == null) eventFollows.wait();
      }
      unreachableWhenLost();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // as the adapter: stopped, the flag kept for the caller
    } finally {
      eventFollows.remove(sink);
    }
  }

  private final List<java.util.function.Consumer<io.berth.core.command.Events.Event>> eventFollows =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile io.berth.core.engine.EngineException lost;

  private final List<io.berth.core.command.Events.Event> followedLog = new ArrayList<>();

  /** Sends {@code e} to every open {@link #followEvents}, as the engine's stream would (and keeps it for a later --since). */
  public void emitEvent(io.berth.core.command.Events.Event e) {
    synchronized (eventFollows) {
      followedLog.add(e);
      eventFollows.forEach(s -> s.accept(e));
    }
  }

  /** Event follows not yet ended. */
  public int openEventFollows() {
    return eventFollows.size();
  }

  /** The engine goes away: open event follows and every later follow or ping fail with {@code why} until {@link #engineBack}. */
  public void loseEngine(String why) {
    synchronized (eventFollows) {
      lost = new io.berth.core.engine.EngineException(io.berth.core.result.Failure.ENGINE_UNREACHABLE, why);
      eventFollows.notifyAll();
    }
  }

  /**
   * The engine answers {@code httpStatus} with {@code message} (a daemon shutting down answers 500/503): open event
   * follows and every later follow or ping fail as the adapter reports it, until {@link #engineBack}.
   */
  public void engineAnswers(int httpStatus, String message) {
    synchronized (eventFollows) {
      lost = io.berth.core.engine.EngineException.answered(io.berth.core.result.Failure.INVALID, message, httpStatus, null);
      eventFollows.notifyAll();
    }
  }

  /** The engine answers again. */
  public void engineBack() {
    lost = null;
  }

  private void unreachableWhenLost() {
    io.berth.core.engine.EngineException why = lost;
    if (why != null) throw why;
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
