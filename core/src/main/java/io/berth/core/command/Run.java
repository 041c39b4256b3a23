package io.berth.core.command;

import java.util.List;
import java.util.Map;
import java.util.Objects;

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

  @Override
  public String action() {
    return "run";
  }

  @Override
  public String target() {
    return image;
  }

  @Override
  public boolean mutates() {
    return true;
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
      return key + "=***";
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
}
