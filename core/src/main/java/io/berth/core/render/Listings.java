package io.berth.core.render;

import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ImageSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ps} and {@code images} as docker prints them: docker's formatter contexts (field names,
 * headers, truncation rules, default tables) fed to the one template engine.
 */
public final class Listings {
  /** How a listing is asked for: {@code -q}, {@code --no-trunc}, {@code --format} (null: the default table). */
  public record View(boolean quiet, boolean noTrunc, String format) {
    public static final View DEFAULT = new View(false, false, null);
  }

  static final String PS_TABLE = "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}";
  static final String IMAGES_TABLE = "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}";
  static final Map<String, String> PS_HEADERS = Map.ofEntries(Map.entry("ID", "CONTAINER ID"), Map.entry("Names", "NAMES"),
      Map.entry("Image", "IMAGE"), Map.entry("Command", "COMMAND"), Map.entry("CreatedAt", "CREATED AT"),
      Map.entry("RunningFor", "CREATED"), Map.entry("Ports", "PORTS"), Map.entry("State", "STATE"),
      Map.entry("Status", "STATUS"), Map.entry("Labels", "LABELS"));
  static final Map<String, String> IMAGES_HEADERS = Map.of("ID", "IMAGE ID", "Repository", "REPOSITORY", "Tag", "TAG",
      "CreatedSince", "CREATED", "CreatedAt", "CREATED AT", "Size", "SIZE");
  /** Go's {@code time.Time.String()} without fractions, as docker's CreatedAt prints. */
  private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx z");

  private Listings() {}

  /** docker's ContainerContext. */
  record ContainerFields(Map<String, Object> fields, Map<String, String> labels) implements GoTemplate.Fields {
    @Override
    public String typeName() {
      return "*formatter.ContainerContext";
    }

    @Override
    public Object call(String method, List<Object> args) {
      return method.equals("Label") && args.size() == 1 ? labels.getOrDefault(GoTemplate.text(args.get(0)), "") : null;
    }
  }

  /** docker's ImageContext. */
  record ImageFields(Map<String, Object> fields) implements GoTemplate.Fields {
    @Override
    public String typeName() {
      return "*formatter.ImageContext";
    }
  }

  static ContainerFields container(ContainerSummary c, boolean trunc, Clock clock) {
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
    f.replaceAll((k, v) -> oneLine((String) v));
    return new ContainerFields(f, c.labels());
  }

  static List<ImageFields> image(ImageSummary i, boolean trunc, Clock clock) {
    List<ImageFields> rows = new ArrayList<>();
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
      rows.add(new ImageFields(f));
    }
    return rows;
  }

  public static String containers(List<ContainerSummary> list, View v, Clock clock) {
    List<ContainerFields> rows = list.stream().map(c -> container(c, !v.noTrunc(), clock)).toList();
    String format = v.quiet() ? "{{.ID}}" : v.format() == null || v.format().isEmpty() ? PS_TABLE : v.format();
    return DockerFormat.rows(format, PS_TABLE, rows, PS_HEADERS);
  }

  public static String images(List<ImageSummary> list, View v, Clock clock) {
    List<ImageFields> rows = list.stream().flatMap(i -> image(i, !v.noTrunc(), clock).stream()).toList();
    String format = v.quiet() ? "{{.ID}}" : v.format() == null || v.format().isEmpty() ? IMAGES_TABLE : v.format();
    return DockerFormat.rows(format, IMAGES_TABLE, rows, IMAGES_HEADERS);
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
