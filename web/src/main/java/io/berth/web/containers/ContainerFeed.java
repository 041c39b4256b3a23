package io.berth.web.containers;

import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import io.berth.web.view.ContainerFilter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows one open containers page shows, kept in step with Docker events so each event turns
 * into the smallest change to that page: replace a row, insert one, or delete one.
 */
public final class ContainerFeed {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** What to do to the page. */
  public sealed interface Change permits Replace, Insert, Delete {}

  public record Replace(ContainerSummary row) implements Change {}

  public record Insert(ContainerSummary row) implements Change {}

  public record Delete(String id) implements Change {}

  private final ContainerFilter filter;
  private final Map<String, ContainerSummary> shown = new HashMap<>();

  public ContainerFeed(ContainerFilter filter, List<ContainerSummary> initial) {
    this.filter = filter;
    initial.forEach(c -> shown.put(c.id(), c));
  }

  public synchronized Optional<Change> apply(ContainerEvent e) {
    ContainerSummary known = shown.get(e.containerId());
    if ("destroy".equals(e.action())) {
      return known == null ? Optional.empty() : Optional.of(delete(e.containerId()));
    }
    ContainerSummary base = known != null ? known : fromEvent(e);
    ContainerSummary next = withState(base, e);
    if (next == null) return Optional.empty(); // an event that does not change what a row shows
    if (!filter.matches(next)) {
      return known == null ? Optional.empty() : Optional.of(delete(e.containerId()));
    }
    shown.put(next.id(), next);
    return Optional.of(known == null ? new Insert(next) : new Replace(next));
  }

  private Change delete(String id) {
    shown.remove(id);
    return new Delete(id);
  }

  private static ContainerSummary fromEvent(ContainerEvent e) {
    Map<String, String> labels = new LinkedHashMap<>(e.attributes());
    String image = labels.remove("image");
    labels.remove("name");
    labels.remove("exitCode");
    labels.remove("signal");
    return new ContainerSummary(e.containerId(), e.name() == null ? e.containerId() : e.name(),
        image == null ? "" : image, "created", "Created", List.of(), e.time(), labels);
  }

  /** The row after the event, or null when the event does not change state. */
  static ContainerSummary withState(ContainerSummary c, ContainerEvent e) {
    String at = CLOCK.format(e.time());
    String state;
    String status;
    switch (e.action()) {
      case "create" -> {
        state = "created";
        status = "Created";
      }
      case "start", "restart", "unpause" -> {
        state = "running";
        status = "Up since " + at;
      }
      case "die" -> {
        state = "exited";
        status = "Exited (" + (e.exitCode() == null ? "?" : e.exitCode()) + ") at " + at;
      }
      case "pause" -> {
        state = "paused";
        status = "Paused since " + at;
      }
      case "rename" -> {
        state = c.state();
        status = c.status();
      }
      default -> {
        return null;
      }
    }
    String name = e.name() == null || e.name().isEmpty() ? c.name() : e.name();
    return new ContainerSummary(c.id(), name, c.image(), state, status, c.ports(), c.created(), c.labels());
  }
}
