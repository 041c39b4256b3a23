package io.berth.core.render;

import io.berth.core.result.ContainerSummary;
import io.berth.core.command.SystemDf;
import io.berth.core.result.ImageSummary;
import io.berth.core.result.NetworkSummary;
import io.berth.core.result.StatsSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ps}, {@code images}, {@code stats}, {@code network ls} and {@code system df} as docker prints them:
 * docker's formatter contexts (field names, headers, truncation rules, default tables) fed to the one
 * template engine.
 */
public final class Listings {
  /** How a listing is asked for: {@code -q}, {@code --no-trunc}, {@code --format} (null: the default table). */
  public record View(boolean quiet, boolean noTrunc, String format, boolean size) {
    public static final View DEFAULT = new View(false, false, null);

    public View(boolean quiet, boolean noTrunc, String format) {
      this(quiet, noTrunc, format, false);
    }
  }

  static final String PS_TABLE = "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}";
  static final String IMAGES_TABLE = "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}";
  static final Map<String, String> PS_HEADERS = Map.ofEntries(Map.entry("ID", "CONTAINER ID"), Map.entry("Names", "NAMES"),
      Map.entry("Image", "IMAGE"), Map.entry("Command", "COMMAND"), Map.entry("CreatedAt", "CREATED AT"),
      Map.entry("RunningFor", "CREATED"), Map.entry("Ports", "PORTS"), Map.entry("State", "STATE"),
      Map.entry("Status", "STATUS"), Map.entry("Labels", "LABELS"), Map.entry("Size", "SIZE"),
      Map.entry("Mounts", "MOUNTS"), Map.entry("Networks", "NETWORKS"), Map.entry("LocalVolumes", "LOCAL VOLUMES"),
      Map.entry("Platform", "PLATFORM"));
  static final Map<String, String> IMAGES_HEADERS = Map.of("ID", "IMAGE ID", "Repository", "REPOSITORY", "Tag", "TAG",
      "CreatedSince", "CREATED", "CreatedAt", "CREATED AT", "Size", "SIZE");
  static final String STATS_TABLE =
      "table {{.ID}}\\t{{.Name}}\\t{{.CPUPerc}}\\t{{.MemUsage}}\\t{{.MemPerc}}\\t{{.NetIO}}\\t{{.BlockIO}}\\t{{.PIDs}}";
  static final Map<String, String> STATS_HEADERS = Map.of("Container", "CONTAINER", "ID", "CONTAINER ID", "Name", "NAME",
      "CPUPerc", "CPU %", "MemUsage", "MEM USAGE / LIMIT", "MemPerc", "MEM %", "NetIO", "NET I/O", "BlockIO", "BLOCK I/O",
      "PIDs", "PIDS");
  static final String NETWORKS_TABLE = "table {{.ID}}\\t{{.Name}}\\t{{.Driver}}\\t{{.Scope}}";
  static final Map<String, String> NETWORKS_HEADERS = Map.of("ID", "NETWORK ID", "Name", "NAME", "Driver", "DRIVER",
      "Scope", "SCOPE", "IPv4", "IPV4", "IPv6", "IPV6", "Internal", "INTERNAL", "Labels", "LABELS", "CreatedAt", "CREATED AT");
  static final String DISK_USAGE_TABLE = "table {{.Type}}\\t{{.TotalCount}}\\t{{.Active}}\\t{{.Size}}\\t{{.Reclaimable}}";
  static final Map<String, String> DISK_USAGE_HEADERS = Map.of("Type", "TYPE", "TotalCount", "TOTAL", "Active", "ACTIVE",
      "Size", "SIZE", "Reclaimable", "RECLAIMABLE");
  /** Go's {@code time.Time.String()} without fractions, as docker's CreatedAt prints. */
  private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx z");

  private Listings() {}

  /**
   * One row of a listing as its docker context type shows it to a template. {@code labels} (null when the
   * context has none) answers {@code .Label "key"}, as docker's ContainerContext and networkContext do.
   */
  record Context(String typeName, Map<String, Object> fields, Map<String, String> labels) implements GoTemplate.Fields {
    static final String CONTAINER = "*formatter.ContainerContext";
    static final String IMAGE = "*formatter.ImageContext";
    /** cli/command/network/formatter.go */
    static final String NETWORK = "*network.networkContext";
    /** diskUsageImagesContext and its siblings: one row per type. */
    static final String DISK_USAGE = "*formatter.diskUsageImagesContext";
    static final String STATS = "*formatter.statsContext";

    Context(String typeName, Map<String, Object> fields) {
      this(typeName, fields, null);
    }

    @Override
    public Object call(String method, List<Object> args) {
      return labels != null && method.equals("Label") && args.size() == 1
          ? labels.getOrDefault(GoTemplate.text(args.get(0)), "") : null;
    }
  }

  /**
   * One stats row as docker's formatter makes it: {@code .Container} as the container was named,
   * memory in binary units ({@code units.BytesSize}), NET and BLOCK I/O in SI units
   * ({@code units.HumanSizeWithPrecision(v, 3)}), percentages with two decimals.
   */
  static Context stats(StatsSnapshot s, String label, boolean trunc) {
    Map<String, Object> f = new LinkedHashMap<>();
    String name = s.name().startsWith("/") ? s.name().substring(1) : s.name();
    f.put("BlockIO", DockerUnits.humanSize(s.blockReadBytes(), 3) + " / " + DockerUnits.humanSize(s.blockWriteBytes(), 3));
    f.put("CPUPerc", String.format(Locale.ROOT, "%.2f%%", s.cpuPercent()));
    f.put("Container", label);
    f.put("ID", trunc ? shortId(s.containerId()) : s.containerId());
    f.put("MemPerc", String.format(Locale.ROOT, "%.2f%%", s.memoryPercent()));
    f.put("MemUsage", DockerUnits.bytesSize(s.memoryUsageBytes()) + " / " + DockerUnits.bytesSize(s.memoryLimitBytes()));
    f.put("Name", name.isEmpty() ? "--" : name);
    f.put("NetIO", DockerUnits.humanSize(s.netRxBytes(), 3) + " / " + DockerUnits.humanSize(s.netTxBytes(), 3));
    f.put("PIDs", Integer.toString(s.pids()));
    f.replaceAll((k, v) -> oneLine((String) v));
    return new Context(Context.STATS, f);
  }

  public static String stats(List<StatsSnapshot> samples, List<String> labels, String format, boolean trunc) {
    List<Context> rows = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) rows.add(stats(samples.get(i), labels.get(i), trunc));
    String f = format == null || format.isEmpty() ? STATS_TABLE : format;
    return DockerFormat.rows(f, STATS_TABLE, rows, STATS_HEADERS);
  }

  /**
   * {@code network ls}: docker's default table, {@code -q} (which only the default format heeds: a template of
   * one's own wins, as in docker), or {@code --format}.
   */
  public static String networks(List<NetworkSummary> list, View v) {
    List<Context> rows = new ArrayList<>();
    for (NetworkSummary n : list) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("ID", v.noTrunc() ? n.id() : n.shortId());
      f.put("Name", n.name());
      f.put("Driver", n.driver());
      f.put("Scope", n.scope());
      f.put("IPv4", "false"); // EnableIPv4 exists from API 1.47 on; docker prints false where the engine does not say
      f.put("IPv6", Boolean.toString(n.ipv6()));
      f.put("Internal", Boolean.toString(n.internal()));
      f.put("Labels", String.join(",", new TreeMap<>(n.labels()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      f.put("CreatedAt", goTimeString(n.created()));
      f.replaceAll((k, val) -> oneLine((String) val));
      rows.add(new Context(Context.NETWORK, f, n.labels()));
    }
    boolean standard = v.format() == null || v.format().isEmpty() || v.format().equals("table");
    String format = standard && v.quiet() ? "{{.ID}}" : standard ? NETWORKS_TABLE : v.format();
    return DockerFormat.rows(format, NETWORKS_TABLE, rows, NETWORKS_HEADERS);
  }

  /**
   * {@code system df}: one row per type (Images, Containers, Local Volumes, Build Cache); sizes in
   * {@code units.HumanSize}, RECLAIMABLE with its share of SIZE where docker adds it.
   */
  public static String diskUsage(List<SystemDf.Row> usage, String format) {
    List<Context> rows = new ArrayList<>();
    for (SystemDf.Row r : usage) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("Type", r.type());
      f.put("TotalCount", Integer.toString(r.total()));
      f.put("Active", Integer.toString(r.active()));
      f.put("Size", DockerUnits.humanSize(r.size(), 4));
      String reclaimable = DockerUnits.humanSize(r.reclaimable(), 4);
      f.put("Reclaimable", r.percent() && r.size() > 0 ? reclaimable + " (" + (r.reclaimable() * 100 / r.size()) + "%)" : reclaimable);
      rows.add(new Context(Context.DISK_USAGE, f));
    }
    String f = format == null || format.isEmpty() ? DISK_USAGE_TABLE : format;
    return DockerFormat.rows(f, DISK_USAGE_TABLE, rows, DISK_USAGE_HEADERS);
  }

  /** Go's {@code time.Time.String()} of an RFC 3339 time as the engine writes it: fractions without trailing zeros. */
  static String goTimeString(String rfc3339) {
    if (rfc3339 == null || rfc3339.isEmpty()) return "";
    java.time.OffsetDateTime t;
    try {
      t = java.time.OffsetDateTime.parse(rfc3339);
    } catch (java.time.format.DateTimeParseException e) {
      return rfc3339;
    }
    String fraction = t.getNano() == 0 ? "" : ("." + String.format(Locale.ROOT, "%09d", t.getNano())).replaceAll("0+$", "");
    String offset = t.getOffset().getTotalSeconds() == 0 ? "+0000"
        : t.getOffset().getId().replace(":", "");
    // Go names a zero offset read from JSON "UTC"; any other fixed offset is named by itself
    String zone = t.getOffset().getTotalSeconds() == 0 ? "UTC" : offset;
    return t.toLocalDate() + " " + String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond())
        + fraction + " " + offset + " " + zone;
  }

  static Context container(ContainerSummary c, boolean trunc, Clock clock) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Command", "\"" + goQuote(trunc ? ellipsis(c.command(), 20) : c.command()) + "\"");
    f.put("CreatedAt", createdAt(c.created()));
    f.put("ID", trunc ? c.shortId() : c.id());
    f.put("Image", image(c, trunc));
    f.put("Labels", String.join(",", new TreeMap<>(c.labels()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    f.put("Names", c.name());
    f.put("Ports", String.join(", ", c.ports()));
    f.put("RunningFor", ago(c.created(), clock));
    f.put("State", c.state());
    f.put("Status", c.status());
    f.put("Size", size(c));
    f.put("Mounts", String.join(",", c.mounts().stream().map(m -> mountName(m, trunc)).toList()));
    f.put("Networks", String.join(",", c.networks()));
    f.put("LocalVolumes", Long.toString(c.mounts().stream().filter(m -> m.driver().equals("local")).count()));
    f.replaceAll((k, v) -> oneLine((String) v));
    // the engine's list names an image platform only from API 1.46 on; the port does not read it, so docker's nil
    f.put("Platform", GoTemplate.Nil.POINTER);
    return new Context(Context.CONTAINER, f, c.labels());
  }

  static List<Context> image(ImageSummary i, boolean trunc, Clock clock) {
    List<Context> rows = new ArrayList<>();
    List<String> tags = i.tags().isEmpty() ? List.of("<none>:<none>") : i.tags();
    for (String tag : tags) {
      int colon = tag.lastIndexOf(':');
      boolean hasTag = colon > tag.lastIndexOf('/');
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("Containers", "N/A"); // docker fills these in only for `system df -v`
      f.put("CreatedAt", createdAt(i.created()));
      f.put("CreatedSince", ago(i.created(), clock));
      f.put("Digest", "<none>");
      f.put("ID", trunc ? i.shortId() : i.id());
      f.put("Repository", hasTag ? tag.substring(0, colon) : tag);
      f.put("Size", DockerUnits.humanSize(i.sizeBytes(), 3));
      f.put("SharedSize", "N/A");
      f.put("Tag", hasTag ? tag.substring(colon + 1) : "<none>");
      f.put("UniqueSize", "N/A");
      f.put("VirtualSize", DockerUnits.humanSize(i.sizeBytes(), 4));
      f.replaceAll((k, v) -> oneLine((String) v));
      rows.add(new Context(Context.IMAGE, f));
    }
    return rows;
  }

  public static String containers(List<ContainerSummary> list, View v, Clock clock) {
    List<Context> rows = list.stream().map(c -> container(c, !v.noTrunc(), clock)).toList();
    String table = v.size() ? PS_TABLE + "\\t{{.Size}}" : PS_TABLE; // docker's -s adds SIZE to its table
    String format = v.quiet() ? "{{.ID}}" : v.format() == null || v.format().isEmpty() ? table : v.format();
    return DockerFormat.rows(format, table, rows, PS_HEADERS);
  }

  /**
   * {@code ps --context all}: every context's containers in one table, a CONTEXT column first; {@code .Context} in a
   * {@code --format}. Contexts in the order given (configuration order), each one's rows in the engine's order.
   */
  public static String containersAcross(Map<String, List<ContainerSummary>> byContext, View v, Clock clock) {
    List<Context> rows = new ArrayList<>();
    byContext.forEach((ctx, list) -> list.forEach(c -> rows.add(withContext(container(c, !v.noTrunc(), clock), ctx))));
    String table = across(v.size() ? PS_TABLE + "\\t{{.Size}}" : PS_TABLE);
    String format = v.quiet() ? "{{.ID}}" : v.format() == null || v.format().isEmpty() ? table : v.format();
    return DockerFormat.rows(format, table, rows, withContextHeader(PS_HEADERS));
  }

  /** {@code images --context all}: as {@link #containersAcross}. */
  public static String imagesAcross(Map<String, List<ImageSummary>> byContext, View v, Clock clock) {
    List<Context> rows = new ArrayList<>();
    byContext.forEach((ctx, list) -> list.forEach(i -> image(i, !v.noTrunc(), clock).forEach(r -> rows.add(withContext(r, ctx)))));
    String table = across(IMAGES_TABLE);
    String format = v.quiet() ? "{{.ID}}" : v.format() == null || v.format().isEmpty() ? table : v.format();
    return DockerFormat.rows(format, table, rows, withContextHeader(IMAGES_HEADERS));
  }

  /**
   * {@code events --context all}: every context's events of one window merged in time order, each line its context
   * (padded to the longest name, a CONTEXT column) then docker's line or {@code format}'s output; a context that left
   * older events out says so first, as one context's answer does.
   */
  public static String eventsAcross(Map<String, io.berth.core.command.Events.History> byContext, String format) {
    int width = byContext.keySet().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder sb = new StringBuilder();
    record Row(String context, io.berth.core.command.Events.Event event) {}
    List<Row> rows = new ArrayList<>();
    byContext.forEach((ctx, h) -> {
      if (h.dropped() > 0) {
        sb.append("(").append(ctx).append(": ").append(h.dropped()).append(" earlier events not shown; narrow --since or --filter)\n");
      }
      h.events().forEach(e -> rows.add(new Row(ctx, e)));
    });
    // stable: events at the same instant keep their context's configuration order
    rows.sort(java.util.Comparator.comparing(r -> r.event().time()));
    for (Row r : rows) {
      sb.append(contextColumn(r.context(), width)).append(io.berth.core.command.Events.line(r.event(), format)).append('\n');
    }
    return sb.toString();
  }

  /** An event line's context column: the name padded to {@code width} (the longest context's), then two spaces. */
  public static String contextColumn(String context, int width) {
    return String.format(Locale.ROOT, "%-" + width + "s  ", context);
  }

  private static String across(String table) {
    return "table {{.Context}}\\t" + table.substring("table ".length());
  }

  private static Context withContext(Context row, String context) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Context", context);
    f.putAll(row.fields());
    return new Context(row.typeName(), f, row.labels());
  }

  private static Map<String, String> withContextHeader(Map<String, String> headers) {
    Map<String, String> h = new java.util.HashMap<>(headers);
    h.put("Context", "CONTEXT");
    return h;
  }

  public static String images(List<ImageSummary> list, View v, Clock clock) {
    List<Context> rows = list.stream().flatMap(i -> image(i, !v.noTrunc(), clock).stream()).toList();
    String format = v.quiet() ? "{{.ID}}" : v.format() == null || v.format().isEmpty() ? IMAGES_TABLE : v.format();
    return DockerFormat.rows(format, IMAGES_TABLE, rows, IMAGES_HEADERS);
  }

  /** docker's ContainerContext.Mounts: a volume by its name, a bind by its source; 15 characters unless --no-trunc. */
  private static String mountName(ContainerSummary.Mount m, boolean trunc) {
    String name = m.name().isEmpty() ? m.source() : m.name();
    return trunc ? ellipsis(name, 15) : name;
  }

  /** docker's ContainerContext.Size: {@code 0B (virtual 1.24MB)}; the writable layer alone when the total is unknown. */
  static String size(ContainerSummary c) {
    long rw = c.sizeRw() == null ? 0 : c.sizeRw();
    long total = c.sizeRootFs() == null ? 0 : c.sizeRootFs();
    String writable = DockerUnits.humanSize(rw, 3);
    return total > 0 ? writable + " (virtual " + DockerUnits.humanSize(total, 3) + ")" : writable;
  }

  /** docker ps's IMAGE: an image id is shortened; a digest is dropped (the tag kept). */
  static String image(ContainerSummary c, boolean trunc) {
    String image = c.image();
    if (image.isEmpty()) return "<no image>";
    if (!trunc) return image;
    if (image.startsWith("sha256:") || (!c.imageId().isEmpty() && shortId(c.imageId()).equals(shortId(image)))) {
      return shortId(image);
    }
    int at = image.indexOf('@');
    return at < 0 ? image : image.substring(0, at);
  }

  private static String shortId(String id) {
    String bare = id.startsWith("sha256:") ? id.substring(7) : id;
    return bare.length() > 12 ? bare.substring(0, 12) : bare;
  }

  /** "2 hours ago", "About a minute ago": {@code units.HumanDuration} + " ago". */
  static String ago(Instant then, Clock clock) {
    if (then == null || then.equals(Instant.EPOCH)) return "";
    Duration d = Duration.between(then, clock.instant());
    return DockerUnits.humanDuration(d.isNegative() ? Duration.ZERO : d) + " ago";
  }

  private static String createdAt(Instant t) {
    return t == null || t.equals(Instant.EPOCH) ? "" : GO_TIME.format(t.atZone(ZoneId.systemDefault()));
  }

  /** docker's Ellipsis: at most {@code max} characters, the last one "…" when cut. */
  static String ellipsis(String s, int max) {
    return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }

  /** The inside of Go's strconv.Quote for the characters a command holds. */
  private static String goQuote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
  }

  /** One row per record: a newline inside a value would forge a row. */
  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }
}
