package io.berth.core.command;

import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.language.SecretMasking;
import io.berth.core.result.Failure;
import io.berth.core.result.CapturedOutput;
import io.berth.core.result.OutputCap;
import io.berth.core.result.Progress;
import io.berth.core.result.RunOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run}: look for the image locally, pull it if missing, create, start and (unless
 * detached) wait for exit and return the output.
 */
public record Run(
    String image,
    String name,
    boolean detach,
    List<PortBinding> ports,
    List<EnvVar> env,
    Map<String, String> labels,
    List<VolumeMount> volumes,
    String restartPolicy,
    boolean autoRemove,
    List<String> command,
    HostAccess hostAccess)
    implements DockerRequest {

  public Run {
    Objects.requireNonNull(image, "image");
    if (image.isBlank()) throw new IllegalArgumentException("run needs an IMAGE");
    ImageRef.parseAny(image);
    if (name != null) new ContainerName(name);
    ports = List.copyOf(ports);
    env = List.copyOf(env);
    labels = Map.copyOf(labels);
    volumes = List.copyOf(volumes);
    command = List.copyOf(command);
    restartPolicy = restartPolicy == null || restartPolicy.isBlank() ? "no" : restartPolicy;
    hostAccess = hostAccess == null ? HostAccess.NONE : hostAccess;
  }

  /** The simplest form: {@code run IMAGE}. */
  public static Run of(String image, String... command) {
    return new Run(image, null, false, List.of(), List.of(), Map.of(), List.of(), "no", false,
        List.of(command), HostAccess.NONE);
  }

  public static final CommandSpec<Run> SPEC = new CommandSpec<>() {
    @Override public Class<Run> type() { return Run.class; }
    @Override public Grammar<Run> grammar() { return new RunGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public Run probe() { return Run.of("probe"); }
    @Override public String target(Run r) { return r.image(); }
    @Override public Optional<String> image(Run r) { return Optional.of(r.image()); }

    @Override
    public String consequence(Run r, String target) {
      return "This will create and start a container from image " + target + ".";
    }

    @Override
    public void describe(Run run, Words w) {
      w.flag(run.detach(), "-d").optional("--name", run.name());
      for (PortBinding b : run.ports()) {
        String host = b.hostPort() == null ? "" : b.hostPort() + ":";
        String ip = b.hostIp() == null ? "" : (b.hostIp().contains(":") ? "[" + b.hostIp() + "]" : b.hostIp()) + ":";
        if (!ip.isEmpty() && host.isEmpty()) host = ":";
        w.option("-p", ip + host + b.containerPort() + (b.protocol().equals("tcp") ? "" : "/" + b.protocol()));
      }
      run.env().forEach(e -> w.option("-e", SecretMasking.maskAssignment(e.key() + "=")));
      run.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> w.option("-l", e.getKey() + "=" + e.getValue()));
      run.volumes().forEach(v -> w.option("-v", v.source() + ":" + v.containerPath() + (v.readOnly() ? ":ro" : "")));
      if (!run.restartPolicy().equals("no")) w.option("--restart", run.restartPolicy());
      w.flag(run.autoRemove(), "--rm");
      HostAccess h = run.hostAccess();
      w.flag(h.privileged(), "--privileged").optional("--network", h.network()).optional("--pid", h.pid())
          .optional("--ipc", h.ipc());
      h.capAdd().forEach(c -> w.option("--cap-add", c));
      h.devices().forEach(d -> w.option("--device", d));
      w.add(run.image()).addAll(run.command());
    }

    /**
     * docker run: look locally, pull when missing, create, then either start (detached) or start attached:
     * the output streams to the caller's progress as it arrives and is kept, capped, in the result.
     */
    @Override
    public RunOutput execute(Run run, Execution x) {
      ContainerEngine engine = x.engine();
      boolean pulled = false;
      if (!engine.imageExists(run.image())) {
        x.progress().on(new Progress.Line("Unable to find image '" + run.image() + "' locally"));
        engine.pull(run.image(), x.progress());
        pulled = true;
      }
      String id = engine.create(run);
      String name = x.nameOf(id); // now: with --rm it may be gone by the time it exited
      if (run.detach()) {
        started(run, engine, id, () -> engine.start(id));
        return new RunOutput(id, name, pulled, null, CapturedOutput.EMPTY);
      }
      OutputCap cap = new OutputCap(x.limits().maxOutputBytes());
      int[] exit = new int[1];
      try {
        started(run, engine, id, () -> exit[0] = engine.startAttached(id, chunk -> {
          cap.accept(chunk);
          x.progress().on(new Progress.Printed(chunk));
        }, x.limits().runTimeout()));
      } catch (EngineException e) {
        if (e.kind() != Failure.TIMEOUT) throw e;
        throw stillRunning(run, x, name, cap.output());
      }
      if (run.autoRemove()) removeIfStillThere(engine, id); // the engine's auto-remove may still be under way
      return new RunOutput(id, name, pulled, exit[0], cap.output());
    }

    /**
     * Runs the start; when the engine cannot start the container it says why as docker's CLI does: 127 when its
     * command was not found, 126 when it cannot be invoked, and with --rm the created container goes.
     */
    private void started(Run run, ContainerEngine engine, String id, Runnable start) {
      try {
        start.run();
      } catch (EngineException e) {
        if (e.kind() == Failure.TIMEOUT || e.kind() == Failure.ENGINE_UNREACHABLE) throw e;
        if (run.autoRemove()) removeIfStillThere(engine, id);
        throw startFailure(e);
      }
    }

    /**
     * An attached run past engine.runTimeout: Berth stops waiting, the container goes on (--rm: the engine
     * removes it when it exits). Say so, with what it printed so far.
     */
    private EngineException stillRunning(Run run, Execution x, String name, CapturedOutput soFar) {
      String text = "Container " + name + " did not exit within " + x.limits().runTimeout().toSeconds()
          + "s (engine.runTimeout) and is still running; Berth stopped waiting for it"
          + (run.autoRemove() ? " (--rm: it is removed when it exits)" : "") + ". Follow it with `logs " + name
          + "`, stop it with `stop " + name + "`; use run -d for long-running containers."
          + (soFar.isEmpty() ? "" : OUTPUT_SO_FAR + soFar.text());
      return new EngineException(Failure.TIMEOUT, text.stripTrailing());
    }
  };

  /** Starts the part of a timed-out run's message that repeats its output (a terminal saw it stream already). */
  public static final String OUTPUT_SO_FAR = "\nOutput so far:\n";

  /**
   * The engine's reason a container could not start, classified as docker's CLI classifies it: its command
   * not found (127: "executable file not found", "no such file or directory"), not invocable (126:
   * "permission denied", "is a directory"), else as it was.
   */
  public static EngineException startFailure(EngineException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (m.contains("executable file not found") || m.contains("no such file or directory")) {
      return new EngineException(Failure.COMMAND_NOT_FOUND, m, e);
    }
    if (m.contains("permission denied") || m.contains("is a directory")) {
      return new EngineException(Failure.CANNOT_INVOKE, m, e);
    }
    return e;
  }

  private static void removeIfStillThere(ContainerEngine engine, String id) {
    try {
      engine.remove(id, true, false);
    } catch (EngineException e) {
      // already gone, or the engine's own auto-remove is removing it right now
      if (e.kind() != Failure.NOT_FOUND && e.kind() != Failure.CONFLICT && e.kind() != Failure.INVALID) throw e;
    }
  }

  /** {@code -p [hostIp:]hostPort:containerPort[/proto]}. */
  public record PortBinding(String hostIp, Integer hostPort, int containerPort, String protocol) {
    public PortBinding {
      protocol = protocol == null ? "tcp" : protocol;
      if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
        throw new IllegalArgumentException("port protocol must be tcp, udp or sctp, not " + protocol);
      }
      if (containerPort < 1 || containerPort > 65535) {
        throw new IllegalArgumentException("container port out of range: " + containerPort);
      }
      if (hostPort != null && (hostPort < 0 || hostPort > 65535)) {
        throw new IllegalArgumentException("host port out of range: " + hostPort);
      }
    }
  }

  /** {@code -e KEY=VALUE}; the value is a secret as far as the audit trail is concerned. */
  public record EnvVar(String key, String value) {
    @Override
    public String toString() {
      return SecretMasking.maskAssignment(key + "=");
    }
  }

  /**
   * {@code -v SOURCE:/path[:ro]}: SOURCE is a named volume, or a host path when it starts with
   * {@code /} or {@code .} (a bind mount, refused unless the policy allows it).
   */
  public record VolumeMount(String source, String containerPath, boolean readOnly) {
    public boolean isBindMount() {
      return source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
    }
  }

  /**
   * Containers whose namespaces this run joins ({@code --network/--pid/--ipc container:NAME}):
   * each is a target the caller's scope applies to, like the container of {@code stop NAME}.
   */
  public List<String> joinedContainers() {
    return hostAccess.namespaces().values().stream().map(HostAccess::containerOf).filter(Objects::nonNull)
        .distinct().toList();
  }

  /** This run with every {@code container:NAME} mode naming the container by {@code ids.get(NAME)} instead. */
  public Run withJoinedContainers(Map<String, String> ids) {
    HostAccess h = hostAccess;
    HostAccess pinned = new HostAccess(h.privileged(), pin(h.network(), ids), pin(h.pid(), ids), pin(h.ipc(), ids),
        h.capAdd(), h.devices());
    return new Run(image, name, detach, ports, env, labels, volumes, restartPolicy, autoRemove, command, pinned);
  }

  private static String pin(String mode, Map<String, String> ids) {
    String c = HostAccess.containerOf(mode);
    return c == null ? mode : HostAccess.CONTAINER + ids.getOrDefault(c, c);
  }

  /**
   * Options that reach into the host or into other containers, each guarded by policy. Namespace
   * modes are canonical (lower-case keyword, {@code container:NAME}): the parser made them so.
   */
  public record HostAccess(
      boolean privileged,
      String network,
      String pid,
      String ipc,
      List<String> capAdd,
      List<String> devices) {
    public static final HostAccess NONE = new HostAccess(false, null, null, null, List.of(), List.of());

    /** Prefix of a namespace mode that joins another container's namespace. */
    public static final String CONTAINER = "container:";

    public HostAccess {
      capAdd = List.copyOf(capAdd);
      devices = List.copyOf(devices);
    }

    /** The namespace flags that were given, by flag ({@code --network}, {@code --pid}, {@code --ipc}). */
    public Map<String, String> namespaces() {
      Map<String, String> m = new java.util.LinkedHashMap<>();
      if (network != null) m.put("--network", network);
      if (pid != null) m.put("--pid", pid);
      if (ipc != null) m.put("--ipc", ipc);
      return m;
    }

    /** NAME of a {@code container:NAME} mode, else null. */
    public static String containerOf(String mode) {
      return mode != null && mode.startsWith(CONTAINER) ? mode.substring(CONTAINER.length()) : null;
    }
  }

  @Command(name = "run", description = "Create and start a container from an image (pulled if missing).",
      customSynopsis = "run [-d] [--name NAME] [-p [IP:]HOST:CTR[/PROTO]]... [-e KEY=VALUE]... [-l KEY=VALUE]... "
          + "[-v SOURCE:/PATH[:ro]]... [--restart POLICY] [--rm] IMAGE [COMMAND [ARG...]]")
  static final class RunGrammar extends Grammar<Run> {
    @Option(names = {"-d", "--detach"}, description = "Run in the background and print the container id.")
    boolean detach;

    @Option(names = "--name", paramLabel = "NAME", description = "Container name.")
    String name;

    @Option(names = {"-p", "--publish"}, paramLabel = "[IP:]HOST:CTR", description = "Publish a port; repeatable.")
    List<String> ports = new ArrayList<>();

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set a variable (masked in the audit trail); repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Set a label; repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-v", "--volume"}, paramLabel = "SOURCE:/PATH[:ro]", description = "Mount a named volume (host paths need policy); repeatable.")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--restart", paramLabel = "POLICY", description = "no, always, unless-stopped or on-failure[:N].")
    String restart;

    @Option(names = "--rm", description = "Remove the container when it exits.")
    boolean autoRemove;

    @Option(names = "--privileged", description = "Full host privileges (refused unless the policy allows).")
    boolean privileged;

    @Option(names = {"--network", "--net"}, paramLabel = "NETWORK", description = "Network (\"host\" needs policy).")
    String network;

    @Option(names = "--pid", paramLabel = "MODE", description = "PID namespace (\"host\" needs policy).")
    String pid;

    @Option(names = "--ipc", paramLabel = "MODE", description = "IPC namespace (\"host\" needs policy).")
    String ipc;

    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add a Linux capability (needs policy); repeatable.")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--device", paramLabel = "DEVICE", description = "Expose a host device (needs policy); repeatable.")
    List<String> devices = new ArrayList<>();

    @Option(names = {"-i", "--interactive"}, hidden = true)
    boolean interactive;

    @Option(names = {"-t", "--tty"}, hidden = true)
    boolean tty;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image to run, e.g. localhost:5000/web:1.")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command and arguments for the container.")
    List<String> command = new ArrayList<>();

    @Override
    public boolean stopsAtPositional() {
      return true;
    }

    @Override
    public Run toRequest(ArgumentReader in) {
      if (interactive || tty) {
        throw in.error("-i/-t (interactive terminal) is not available here; drop them, and use -d to run in the background");
      }
      List<PortBinding> ps = ports.stream().map(in::port).toList();
      List<EnvVar> es = env.stream().map(in::env).toList();
      Map<String, String> ls = new LinkedHashMap<>();
      labels.forEach(l -> in.label(l, ls));
      List<VolumeMount> vs = volumes.stream().map(in::volume).toList();
      if (autoRemove && restart != null && !restart.equals("no")) {
        throw in.error("--rm and --restart " + restart + " conflict; drop one of them");
      }
      HostAccess host = new HostAccess(privileged, in.namespace("--network", network), in.namespace("--pid", pid),
          in.namespace("--ipc", ipc), capAdd, devices);
      return new Run(in.reference("IMAGE", image), in.name(name), detach, ps, es, ls, vs, in.restart(restart), autoRemove,
          withoutLeadingDashes(command), host);
    }
  }
}
