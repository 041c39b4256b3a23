package io.berth.core.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code ps}. {@code state} is the engine's word (running, exited, ...); {@code mounts} and
 * {@code networks} are what the engine's list says (docker's ps shows them in {@code --format}).
 */
public record ContainerSummary(
    String id,
    String name,
    String image,
    String state,
    String status,
    List<String> ports,
    Instant created,
    Map<String, String> labels,
    String command,
    String imageId,
    Long sizeRw,
    Long sizeRootFs,
    List<Mount> mounts,
    List<String> networks) {
  /** One mount as the engine's list has it: a volume's name (empty for a bind), its source, its driver. */
  public record Mount(String name, String source, String driver) {
    public Mount {
      name = name == null ? "" : name;
      source = source == null ? "" : source;
      driver = driver == null ? "" : driver;
    }
  }

  public ContainerSummary {
    ports = List.copyOf(ports);
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
    networks = networks == null ? List.of() : List.copyOf(networks);
    labels = Map.copyOf(labels);
    command = command == null ? "" : command;
    imageId = imageId == null ? "" : imageId;
  }

  /** A row without mounts and networks. */
  public ContainerSummary(String id, String name, String image, String state, String status, List<String> ports,
      Instant created, Map<String, String> labels, String command, String imageId, Long sizeRw, Long sizeRootFs) {
    this(id, name, image, state, status, ports, created, labels, command, imageId, sizeRw, sizeRootFs, List.of(), List.of());
  }

  /** The same row with the engine's sizes. */
  public ContainerSummary withSizes(Long sizeRw, Long sizeRootFs) {
    return new ContainerSummary(id, name, image, state, status, ports, created, labels, command, imageId, sizeRw, sizeRootFs,
        mounts, networks);
  }

  /** A row without sizes ({@code ps} without {@code -s}: the engine computes them only when asked). */
  public ContainerSummary(String id, String name, String image, String state, String status, List<String> ports,
      Instant created, Map<String, String> labels, String command, String imageId) {
    this(id, name, image, state, status, ports, created, labels, command, imageId, null, null);
  }

  /** A row without the command and image id (events, tests): ps shows them empty. */
  public ContainerSummary(String id, String name, String image, String state, String status, List<String> ports,
      Instant created, Map<String, String> labels) {
    this(id, name, image, state, status, ports, created, labels, "", "");
  }

  public String shortId() {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /** The exit code in docker's status ("Exited (3) 2 minutes ago"); null when it shows none. */
  public Integer exitCode() {
    java.util.regex.Matcher m = EXITED.matcher(status == null ? "" : status);
    return m.lookingAt() ? Integer.valueOf(m.group(1)) : null;
  }

  private static final java.util.regex.Pattern EXITED = java.util.regex.Pattern.compile("Exited \\((-?\\d{1,9})\\)");

  public boolean running() {
    return "running".equals(state) || "restarting".equals(state) || "paused".equals(state);
  }
}
