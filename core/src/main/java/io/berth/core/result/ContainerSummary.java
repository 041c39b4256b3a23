package io.berth.core.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One row of {@code ps}. {@code state} is the engine's word (running, exited, ...). */
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
    Long sizeRootFs) {
  public ContainerSummary {
    ports = List.copyOf(ports);
    labels = Map.copyOf(labels);
    command = command == null ? "" : command;
    imageId = imageId == null ? "" : imageId;
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
