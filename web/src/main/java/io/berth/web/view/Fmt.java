package io.berth.web.view;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/** Small text formatters the templates share (times, sizes, labels). */
public final class Fmt {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Fmt() {}

  /** Whether one of a command's records names a session recording (then the audit row links its replay). */
  public static boolean recorded(java.util.List<io.berth.core.audit.AuditRecord> steps) {
    return steps.stream().anyMatch(r -> io.berth.core.audit.Recordings.named(r.entry().message()).isPresent());
  }

  public static String time(Instant t) {
    return t == null ? "" : TIME.format(t);
  }

  /** ISO instant for datetime attributes. */
  public static String iso(Instant t) {
    return t == null ? "" : t.toString();
  }

  /** "3 minutes ago" style, as docker prints it. */
  public static String ago(Instant t) {
    if (t == null) return "";
    Duration d = Duration.between(t, Instant.now());
    if (d.isNegative() || d.getSeconds() < 60) return "less than a minute ago";
    long m = d.toMinutes();
    if (m < 60) return m + (m == 1 ? " minute ago" : " minutes ago");
    long h = d.toHours();
    if (h < 48) return h + (h == 1 ? " hour ago" : " hours ago");
    long days = d.toDays();
    return days + " days ago";
  }

  public static String bytes(long n) {
    if (n < 1024) return n + " B";
    double v = n;
    String[] units = {"KB", "MB", "GB", "TB"};
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
  }

  public static String percent(double p) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", p);
  }

  /** Labels as {@code k=v} strings, Berth's own and compose's bookkeeping last. */
  public static java.util.List<String> labels(Map<String, String> labels) {
    return labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue())
        .collect(Collectors.toList());
  }

  /** A CSS class for a container state badge; only known words pass through. */
  public static String stateClass(String state) {
    return switch (state == null ? "" : state) {
      case "running" -> "st-running";
      case "exited", "dead" -> "st-exited";
      case "paused" -> "st-paused";
      case "restarting" -> "st-restarting";
      case "created" -> "st-created";
      default -> "st-other";
    };
  }
}
