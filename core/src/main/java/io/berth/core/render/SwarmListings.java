package io.berth.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.result.SwarmRow;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code node ls}, {@code service ls}, {@code service ps} and {@code stack ls} as the docker CLI prints them
 * (cli/command/node, service, task and stack formatters): their fields, headers and default tables, from the
 * engine's documents, through the one template engine.
 */
public final class SwarmListings {
  static final String NODES_TABLE =
      "table {{.ID}}\\t{{.Hostname}}\\t{{.Status}}\\t{{.Availability}}\\t{{.ManagerStatus}}\\t{{.EngineVersion}}";
  static final Map<String, String> NODES_HEADERS = Map.of("ID", "ID", "Hostname", "HOSTNAME", "Status", "STATUS",
      "Availability", "AVAILABILITY", "ManagerStatus", "MANAGER STATUS", "EngineVersion", "ENGINE VERSION", "TLSStatus", "TLS STATUS");
  static final String SERVICES_TABLE = "table {{.ID}}\\t{{.Name}}\\t{{.Mode}}\\t{{.Replicas}}\\t{{.Image}}\\t{{.Ports}}";
  static final Map<String, String> SERVICES_HEADERS = Map.of("ID", "ID", "Name", "NAME", "Mode", "MODE", "Replicas", "REPLICAS",
      "Image", "IMAGE", "Ports", "PORTS");
  static final String TASKS_TABLE =
      "table {{.ID}}\\t{{.Name}}\\t{{.Image}}\\t{{.Node}}\\t{{.DesiredState}}\\t{{.CurrentState}}\\t{{.Error}}\\t{{.Ports}}";
  static final Map<String, String> TASKS_HEADERS = Map.of("ID", "ID", "Name", "NAME", "Image", "IMAGE", "Node", "NODE",
      "DesiredState", "DESIRED STATE", "CurrentState", "CURRENT STATE", "Error", "ERROR", "Ports", "PORTS");
  static final String STACKS_TABLE = "table {{.Name}}\\t{{.Services}}";
  static final Map<String, String> STACKS_HEADERS = Map.of("Name", "NAME", "Services", "SERVICES");
  /** docker truncates a task's error to this many characters without --no-trunc. */
  static final int ERROR_WIDTH = 30;

  private SwarmListings() {}

  /** {@code node ls}: sorted by hostname; {@code selfId} (may be null) gets docker's {@code *}. */
  public static String nodes(List<JsonNode> nodes, String selfId, Listings.View v) {
    List<JsonNode> sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing(n -> n.path("Description").path("Hostname").asText()));
    List<Listings.Context> rows = new ArrayList<>();
    boolean table = !v.quiet() && (v.format() == null || v.format().isEmpty() || v.format().equals("table"));
    for (JsonNode n : sorted) {
      Map<String, Object> f = new LinkedHashMap<>();
      // docker's table marks the node it asks with " *" in the ID column ({{if .Self}}); templates get the id alone
      boolean self = n.path("ID").asText().equals(selfId);
      f.put("ID", n.path("ID").asText() + (table ? (self ? " *" : "  ") : ""));
      f.put("Self", n.path("ID").asText().equals(selfId));
      f.put("Hostname", n.path("Description").path("Hostname").asText());
      f.put("Status", title(n.path("Status").path("State").asText()));
      f.put("Availability", title(n.path("Spec").path("Availability").asText()));
      JsonNode m = n.path("ManagerStatus");
      f.put("ManagerStatus", m.isMissingNode() ? "" : m.path("Leader").asBoolean(false) ? "Leader"
          : title(m.path("Reachability").asText()));
      f.put("EngineVersion", n.path("Description").path("Engine").path("EngineVersion").asText());
      f.put("TLSStatus", n.path("Description").path("TLSInfo").isMissingNode() ? "Unknown" : "Ready");
      rows.add(new Listings.Context("*node.nodeContext", f, labels(n.path("Spec").path("Labels"))));
    }
    return render(v, "{{.ID}}", NODES_TABLE, rows, NODES_HEADERS);
  }

  /** {@code service ls}: sorted by name; replicas from the engine's service status (running/desired). */
  public static String services(List<JsonNode> services, Listings.View v) {
    List<JsonNode> sorted = new ArrayList<>(services);
    sorted.sort(Comparator.comparing(s -> s.path("Spec").path("Name").asText()));
    List<Listings.Context> rows = new ArrayList<>();
    for (JsonNode s : sorted) {
      JsonNode spec = s.path("Spec");
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("ID", v.noTrunc() ? s.path("ID").asText() : shortId(s.path("ID").asText()));
      f.put("Name", spec.path("Name").asText());
      f.put("Mode", mode(spec.path("Mode")));
      JsonNode status = s.path("ServiceStatus");
      f.put("Replicas", status.path("RunningTasks").asLong() + "/" + status.path("DesiredTasks").asLong());
      f.put("Image", image(spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText(), v.noTrunc()));
      f.put("Ports", ports(s.path("Endpoint").path("Ports")));
      rows.add(new Listings.Context("*service.serviceContext", f, labels(spec.path("Labels"))));
    }
    return render(v, "{{.ID}}", SERVICES_TABLE, rows, SERVICES_HEADERS);
  }

  /**
   * {@code service ps}/{@code stack ps}: tasks grouped by service and slot (node for global services), newest first
   * within a slot, the older ones marked {@code \_} as docker does; {@code serviceNames} and {@code nodeNames} by id.
   */
  public static String tasks(List<JsonNode> tasks, Map<String, String> serviceNames, Map<String, String> nodeNames,
      Instant now, Listings.View v) {
    List<JsonNode> sorted = new ArrayList<>(tasks);
    sorted.sort(Comparator.<JsonNode, String>comparing(t -> serviceNames.getOrDefault(t.path("ServiceID").asText(), ""))
        .thenComparing(SwarmListings::slotKey)
        .thenComparing(t -> t.path("Status").path("Timestamp").asText(), Comparator.reverseOrder()));
    List<Listings.Context> rows = new ArrayList<>();
    String previous = null;
    for (JsonNode t : sorted) {
      String service = serviceNames.getOrDefault(t.path("ServiceID").asText(), t.path("ServiceID").asText());
      String name = service + "." + (t.path("Slot").asInt(0) > 0 ? t.path("Slot").asText() : t.path("NodeID").asText());
      String group = service + "/" + slotKey(t);
      boolean older = group.equals(previous);
      previous = group;
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("ID", v.noTrunc() ? t.path("ID").asText() : shortId(t.path("ID").asText()));
      f.put("Name", older ? " \\_ " + name : name);
      f.put("Image", image(t.path("Spec").path("ContainerSpec").path("Image").asText(), v.noTrunc()));
      f.put("Node", nodeNames.getOrDefault(t.path("NodeID").asText(), t.path("NodeID").asText()));
      f.put("DesiredState", title(t.path("DesiredState").asText()));
      f.put("CurrentState", title(t.path("Status").path("State").asText()) + " " + ago(t.path("Status").path("Timestamp").asText(), now));
      String err = t.path("Status").path("Err").asText("");
      if (!v.noTrunc() && err.length() > ERROR_WIDTH) err = err.substring(0, ERROR_WIDTH - 1) + "…";
      f.put("Error", err.isEmpty() ? "" : "\"" + err + "\"");
      f.put("Ports", ports(t.path("Status").path("PortStatus").path("Ports")));
      rows.add(new Listings.Context("*task.taskContext", f, null));
    }
    return render(v, "{{.ID}}", TASKS_TABLE, rows, TASKS_HEADERS);
  }

  /** The rows of {@link #nodes} as data, in the same order. */
  public static List<SwarmRow> nodeRows(List<JsonNode> nodes, String selfId) {
    List<JsonNode> sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing(n -> n.path("Description").path("Hostname").asText()));
    List<SwarmRow> rows = new ArrayList<>();
    for (JsonNode n : sorted) {
      JsonNode m = n.path("ManagerStatus");
      rows.add(new SwarmRow.NodeRow(n.path("ID").asText(), n.path("Description").path("Hostname").asText(),
          title(n.path("Status").path("State").asText()), title(n.path("Spec").path("Availability").asText()),
          m.isMissingNode() ? "" : m.path("Leader").asBoolean(false) ? "Leader" : title(m.path("Reachability").asText()),
          n.path("Description").path("Engine").path("EngineVersion").asText(), n.path("ID").asText().equals(selfId)));
    }
    return rows;
  }

  /** The rows of {@link #services} as data, in the same order, with each service's last update time. */
  public static List<SwarmRow> serviceRows(List<JsonNode> services) {
    List<JsonNode> sorted = new ArrayList<>(services);
    sorted.sort(Comparator.comparing(s -> s.path("Spec").path("Name").asText()));
    List<SwarmRow> rows = new ArrayList<>();
    for (JsonNode s : sorted) {
      JsonNode spec = s.path("Spec");
      JsonNode status = s.path("ServiceStatus");
      rows.add(new SwarmRow.ServiceRow(s.path("ID").asText(), spec.path("Name").asText(), mode(spec.path("Mode")),
          status.path("RunningTasks").asLong(), status.path("DesiredTasks").asLong(),
          image(spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText(), false),
          ports(s.path("Endpoint").path("Ports")), instant(s.path("UpdatedAt").asText()), labels(spec.path("Labels"))));
    }
    return rows;
  }

  /** The rows of {@link #tasks} as data (newest first within a slot, as there), errors untruncated. */
  public static List<SwarmRow> taskRows(List<JsonNode> tasks, Map<String, String> serviceNames, Map<String, String> nodeNames) {
    List<JsonNode> sorted = new ArrayList<>(tasks);
    sorted.sort(Comparator.<JsonNode, String>comparing(t -> serviceNames.getOrDefault(t.path("ServiceID").asText(), ""))
        .thenComparing(SwarmListings::slotKey)
        .thenComparing(t -> t.path("Status").path("Timestamp").asText(), Comparator.reverseOrder()));
    List<SwarmRow> rows = new ArrayList<>();
    for (JsonNode t : sorted) {
      String service = serviceNames.getOrDefault(t.path("ServiceID").asText(), t.path("ServiceID").asText());
      rows.add(new SwarmRow.TaskRow(t.path("ID").asText(),
          service + "." + (t.path("Slot").asInt(0) > 0 ? t.path("Slot").asText() : t.path("NodeID").asText()),
          nodeNames.getOrDefault(t.path("NodeID").asText(), t.path("NodeID").asText()),
          title(t.path("DesiredState").asText()), title(t.path("Status").path("State").asText()),
          t.path("Status").path("Err").asText(""), instant(t.path("Status").path("Timestamp").asText()),
          image(t.path("Spec").path("ContainerSpec").path("Image").asText(), false)));
    }
    return rows;
  }

  private static java.time.Instant instant(String timestamp) {
    try {
      return timestamp.isEmpty() ? null : Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code stack ls}: each stack (by the namespace label of its services) with its number of services, by name. */
  public static String stacks(Map<String, Integer> servicesByStack, String format) {
    List<Listings.Context> rows = new ArrayList<>();
    new java.util.TreeMap<>(servicesByStack).forEach((name, count) -> {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("Name", name);
      f.put("Services", Integer.toString(count));
      rows.add(new Listings.Context("*formatter.stackContext", f, null));
    });
    return render(new Listings.View(false, false, format), "{{.Name}}", STACKS_TABLE, rows, STACKS_HEADERS);
  }

  private static String render(Listings.View v, String quiet, String table, List<Listings.Context> rows,
      Map<String, String> headers) {
    boolean standard = v.format() == null || v.format().isEmpty() || v.format().equals("table");
    String format = standard && v.quiet() ? quiet : standard ? table : v.format();
    return DockerFormat.rows(format, table, rows, headers);
  }

  private static String slotKey(JsonNode t) {
    int slot = t.path("Slot").asInt(0);
    return slot > 0 ? String.format("%010d", slot) : t.path("NodeID").asText();
  }

  /** {@code replicated}, {@code global}, {@code replicated job}, {@code global job} as docker names the mode. */
  static String mode(JsonNode mode) {
    if (mode.has("Global")) return "global";
    if (mode.has("ReplicatedJob")) return "replicated job";
    if (mode.has("GlobalJob")) return "global job";
    return "replicated";
  }

  /** The image as given, without the digest docker pins (the CLI prints it so unless --no-trunc). */
  static String image(String image, boolean noTrunc) {
    int at = image.indexOf('@');
    return noTrunc || at < 0 ? image : image.substring(0, at);
  }

  /** Published ports as docker lists them: {@code *:8080->80/tcp}, joined by ", ". */
  static String ports(JsonNode ports) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : ports) {
      String published = p.path("PublishedPort").asInt(0) == 0 ? "" : "*:" + p.path("PublishedPort").asText() + "->";
      out.add(published + p.path("TargetPort").asText() + "/" + p.path("Protocol").asText("tcp"));
    }
    return String.join(", ", out);
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /** Go's {@code strings.Title} of one lower-case word, as docker prints states ({@code running} → {@code Running}). */
  static String title(String word) {
    return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }

  private static String ago(String timestamp, Instant now) {
    try {
      Duration d = Duration.between(Instant.parse(timestamp), now);
      return DockerUnits.humanDuration(d.isNegative() ? Duration.ZERO : d).toLowerCase(Locale.ROOT) + " ago";
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  private static Map<String, String> labels(JsonNode labels) {
    Map<String, String> m = new LinkedHashMap<>();
    labels.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
