package io.berth.core.command;

import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.language.KeyValueFile;
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
    HostAccess hostAccess,
    Settings settings)
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
    settings = settings == null ? Settings.NONE : settings;
  }

  /** A run with no {@link Settings} (working directory, user, limits, health check, files). */
  public Run(String image, String name, boolean detach, List<PortBinding> ports, List<EnvVar> env,
      Map<String, String> labels, List<VolumeMount> volumes, String restartPolicy, boolean autoRemove,
      List<String> command, HostAccess hostAccess) {
    this(image, name, detach, ports, env, labels, volumes, restartPolicy, autoRemove, command, hostAccess, Settings.NONE);
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
    @Override public List<String> images(Run r) { return List.of(r.image()); }
    @Override public List<String> reaches(Run r) { return r.joinedContainers(); }

    /**
     * What a run reaches besides its own new container, checked once the policy's run guards let
     * the flags through: existing named volumes it mounts (a host path is the guards' to decide),
     * then the containers whose namespaces it joins, each pinned by id.
     */
    @Override
    public Run reach(Run run, Reach scope) throws Reach.Refused {
      for (VolumeMount v : run.volumes()) {
        if (!v.isBindMount() && scope.volumeOutside(v.source())) {
          throw new Reach.Refused("run: volume " + v.source() + " belongs to a container outside what " + scope.user()
              + " may use; mount a volume of your own (a new name creates one)");
        }
      }
      if (run.joinedContainers().isEmpty()) return run;
      Map<String, String> ids = new LinkedHashMap<>();
      for (String name : run.joinedContainers()) ids.put(name, scope.pin(name));
      return run.withJoinedContainers(ids);
    }

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
      run.settings().describe(w);
      w.add(run.image()).addAll(run.command());
    }

    /**
     * docker run: look locally, pull when missing, create, then either start (detached) or start attached:
     * the output streams to the caller's progress as it arrives and is kept, capped, in the result.
     */
    @Override
    public RunOutput execute(Run given, Execution x) {
      Run run = withFiles(given, x);
      ContainerEngine engine = x.engine();
      boolean pulled = false;
      if (!engine.imageExists(run.image())) {
        x.progress().on(new Progress.Line("Unable to find image '" + run.image() + "' locally"));
        engine.pull(run.image(), x.progress());
        pulled = true;
      }
      if (run.settings().interactive() && !run.detach()) {
        // stdin to the container: only a surface with a stdin can carry it, the CLI (CommandService.openRunTerminal:
        // a pipe or a terminal); chat and the console have none. -t alone is an ordinary attached run whose output
        // comes through the container's TTY, as docker's
        throw new EngineException(Failure.INVALID, "run -i needs a stdin, which chat and the console do not have: "
            + "pipe into ./berth docker run -i, run ./berth docker run -it on a terminal, or use -d to run it in the background");
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

  /** The run with its env and label files read (under policy.run.fileRoots) into variables and labels. */
  private static Run withFiles(Run run, Execution x) {
    Settings s = run.settings();
    if (s.envFiles().isEmpty() && s.labelFiles().isEmpty()) return run;
    List<EnvVar> env = new ArrayList<>();
    Map<String, String> labels = new LinkedHashMap<>();
    try {
      for (String f : s.envFiles()) {
        KeyValueFile.parse(f, x.runFile("--env-file", f), true).forEach(kv -> env.add(new EnvVar(kv.get(0), kv.get(1))));
      }
      for (String f : s.labelFiles()) {
        KeyValueFile.parse(f, x.runFile("--label-file", f), false).forEach(kv -> labels.put(kv.get(0), kv.get(1)));
      }
    } catch (IllegalArgumentException e) {
      throw new EngineException(Failure.INVALID, "run: " + e.getMessage());
    }
    return run.withFileEntries(env, labels);
  }

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
    return new Run(image, name, detach, ports, env, labels, volumes, restartPolicy, autoRemove, command, pinned, settings);
  }

  /**
   * This run with the variables and labels read from its {@code --env-file}/{@code --label-file}
   * files: the files' entries first, then {@code -e}/{@code -l} over them (docker's order, so a
   * flag wins over a file); the file names are dropped, the entries are in. Only for the engine:
   * what is echoed and audited is the request as given, naming the files.
   */
  public Run withFileEntries(List<EnvVar> fileEnv, Map<String, String> fileLabels) {
    List<EnvVar> allEnv = new java.util.ArrayList<>(fileEnv);
    allEnv.addAll(env);
    Map<String, String> allLabels = new LinkedHashMap<>(fileLabels);
    allLabels.putAll(labels);
    Settings s = settings;
    Settings withoutFiles = new Settings(s.workdir(), s.user(), s.entrypoint(), s.memory(), s.memorySwap(), s.nanoCpus(),
        s.health(), List.of(), List.of());
    return new Run(image, name, detach, ports, allEnv, allLabels, volumes, restartPolicy, autoRemove, command, hostAccess,
        withoutFiles);
  }

  /**
   * docker run's container settings beyond the basics: {@code -w}, {@code -u} (guarded by
   * {@code policy.run.allowRootUser}), {@code --entrypoint} ({@code ""} resets the image's),
   * {@code --memory}/{@code --memory-swap} in bytes ({@code -1}: unlimited swap), {@code --cpus} as
   * NanoCpus, the health check, and the {@code --env-file}/{@code --label-file} paths (read under
   * {@code policy.run.fileRoots} when the run executes). Null: not given, the image's own.
   */
  public record Settings(
      String workdir,
      String user,
      String entrypoint,
      Long memory,
      Long memorySwap,
      Long nanoCpus,
      Health health,
      List<String> envFiles,
      List<String> labelFiles,
      boolean interactive,
      boolean tty) {
    public static final Settings NONE = new Settings(null, null, null, null, null, null, Health.NONE, List.of(), List.of());

    /** Settings without stdin or a TTY (every run but {@code -i}/{@code -t}). */
    public Settings(String workdir, String user, String entrypoint, Long memory, Long memorySwap, Long nanoCpus,
        Health health, List<String> envFiles, List<String> labelFiles) {
      this(workdir, user, entrypoint, memory, memorySwap, nanoCpus, health, envFiles, labelFiles, false, false);
    }

    /** The same settings with stdin open ({@code -i}) and/or a TTY ({@code -t}). */
    public Settings withTerminal(boolean interactive, boolean tty) {
      return new Settings(workdir, user, entrypoint, memory, memorySwap, nanoCpus, health, envFiles, labelFiles,
          interactive, tty);
    }

    /** True for {@code -i} or {@code -t} (describe writes them back). Attached, {@code -i} is a session with stdin open. */
    public boolean session() {
      return interactive || tty;
    }

    public Settings {
      health = health == null ? Health.NONE : health;
      envFiles = List.copyOf(envFiles);
      labelFiles = List.copyOf(labelFiles);
    }

    void describe(Words w) {
      w.optional("-w", workdir).optional("-u", user).optional("--entrypoint", entrypoint).optional("--memory", memory)
          .optional("--memory-swap", memorySwap);
      if (nanoCpus != null) {
        w.option("--cpus", java.math.BigDecimal.valueOf(nanoCpus, 9).stripTrailingZeros().toPlainString());
      }
      w.optional("--health-cmd", health.cmd()).optional("--health-interval", text(health.interval()))
          .optional("--health-timeout", text(health.timeout())).optional("--health-start-period", text(health.startPeriod()))
          .optional("--health-retries", health.retries()).flag(health.disabled(), "--no-healthcheck");
      envFiles.forEach(f -> w.option("--env-file", f));
      labelFiles.forEach(f -> w.option("--label-file", f));
      if (session()) w.add("-" + (interactive ? "i" : "") + (tty ? "t" : ""));
    }

    private static String text(java.time.Duration d) {
      return d == null ? null : io.berth.core.config.DurationText.format(d);
    }
  }

  /**
   * {@code --health-cmd} (run with the container's shell, docker's {@code CMD-SHELL}),
   * {@code --health-interval/-timeout/-start-period} (durations), {@code --health-retries}, or
   * {@code --no-healthcheck} (disables the image's check). Null: the image's own.
   */
  public record Health(
      String cmd, java.time.Duration interval, java.time.Duration timeout, java.time.Duration startPeriod,
      Integer retries, boolean disabled) {
    public static final Health NONE = new Health(null, null, null, null, null, false);

    /** True when any health flag was given. */
    public boolean given() {
      return !equals(NONE);
    }
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
          + "[-v SOURCE:/PATH[:ro]]... [--restart POLICY] [--rm] [-w DIR] [-u USER] [-m SIZE] [--cpus N] [OPTIONS] "
          + "IMAGE [COMMAND [ARG...]]")
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

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container (absolute).")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "User (name or uid) to run as; root, uid 0 and names need policy.")
    String user;

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Override the image's entrypoint (\"\" resets it).")
    String entrypoint;

    @Option(names = "--env-file", paramLabel = "FILE", description = "Read KEY=VALUE lines from a file under policy.run.fileRoots (masked); repeatable.")
    List<String> envFiles = new ArrayList<>();

    @Option(names = "--label-file", paramLabel = "FILE", description = "Read labels from a file under policy.run.fileRoots; repeatable.")
    List<String> labelFiles = new ArrayList<>();

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", description = "Memory limit, e.g. 512m, 1g, 1.5g.")
    String memory;

    @Option(names = "--memory-swap", paramLabel = "SIZE", description = "Memory plus swap limit (needs --memory); -1: unlimited swap.")
    String memorySwap;

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs the container may use, e.g. 0.5 or 2.")
    String cpus;

    @Option(names = "--health-cmd", paramLabel = "CMD", description = "Health check command (run with the container's shell).")
    String healthCmd;

    @Option(names = "--health-interval", paramLabel = "DURATION", description = "Time between checks, e.g. 30s, 1m30s.")
    String healthInterval;

    @Option(names = "--health-timeout", paramLabel = "DURATION", description = "Time one check may take.")
    String healthTimeout;

    @Option(names = "--health-start-period", paramLabel = "DURATION", description = "Start-up time before failures count.")
    String healthStartPeriod;

    @Option(names = "--health-retries", paramLabel = "N", description = "Consecutive failures before unhealthy.")
    String healthRetries;

    @Option(names = "--no-healthcheck", description = "Disable the image's health check.")
    boolean noHealthcheck;

    @Option(names = {"-i", "--interactive"}, description = "Keep stdin open (with -t and without -d: a terminal session, CLI only).")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY (with -i and without -d: a terminal session, CLI only).")
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
          withoutLeadingDashes(command), host, settings(in));
    }

    private Settings settings(ArgumentReader in) {
      Long mem = in.size("--memory", memory);
      Long swap = memorySwap != null && memorySwap.strip().equals("-1") ? Long.valueOf(-1) : in.size("--memory-swap", memorySwap);
      if (swap != null && mem == null) {
        throw in.error("--memory-swap needs --memory too (docker: set the memory limit when setting memory-swap)");
      }
      if (swap != null && swap != -1 && swap < mem) {
        throw in.error("--memory-swap " + memorySwap + " is less than --memory " + memory + "; memory-swap is memory plus swap");
      }
      Health health = new Health(healthCmd, in.duration("--health-interval", healthInterval),
          in.duration("--health-timeout", healthTimeout), in.duration("--health-start-period", healthStartPeriod),
          in.nonNegative("--health-retries", healthRetries), noHealthcheck);
      if (noHealthcheck && !new Health(null, null, null, null, null, true).equals(health)) {
        throw in.error("--no-healthcheck conflicts with --health-* options; drop one of them");
      }
      if (healthCmd != null && healthCmd.isBlank()) throw in.error("--health-cmd needs a command, e.g. --health-cmd 'wget -q localhost'");
      return new Settings(in.workdir(workdir), in.user(user), entrypoint, mem, swap,
          cpus == null ? null : in.cpus(cpus), health,
          envFiles.stream().map(f -> in.file("--env-file", f)).toList(),
          labelFiles.stream().map(f -> in.file("--label-file", f)).toList(), interactive, tty);
    }
  }
}
