package io.berth.core.render;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.ControlCharacters;
import io.berth.core.result.AuditPage;
import io.berth.core.result.BuildOutput;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.HelpText;
import io.berth.core.result.ImageList;
import io.berth.core.result.ImageRemoved;
import io.berth.core.result.ImageSummary;
import io.berth.core.result.LogLine;
import io.berth.core.result.LogOutput;
import io.berth.core.result.Outcome;
import io.berth.core.result.PullOutput;
import io.berth.core.result.Result;
import io.berth.core.result.RunOutput;
import io.berth.core.result.StatsSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders outcomes as the text docker itself would print. Used by the CLI, by chat code blocks and
 * by the console's command bar; each surface escapes it for its own medium. Each {@link Result}
 * picks its format ({@link Result#text}); the shared formats (tables, times, sizes) live here.
 */
public final class PlainTextRenderer {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private final Clock clock;

  public PlainTextRenderer(Clock clock) {
    this.clock = clock;
  }

  public PlainTextRenderer() {
    this(Clock.systemUTC());
  }

  public String render(Outcome outcome) {
    if (outcome instanceof Outcome.Succeeded s) return s.result() == null ? "" : render(s.result());
    if (outcome instanceof Outcome.Denied d) return "Denied: " + d.reason() + "\n";
    if (outcome instanceof Outcome.Failed f) return "Error: " + f.message() + "\n";
    Outcome.ConfirmationRequired c = (Outcome.ConfirmationRequired) outcome;
    return "Confirmation required: " + c.prompt() + "\n(expires " + TIME.format(c.expiresAt()) + ")\n";
  }

  public String render(Result result) {
    return result.text(this);
  }

  /** A time as the tables print it ({@code 2026-01-31 12:00:00Z}). */
  public String time(Instant t) {
    return TIME.format(t);
  }

  public String build(BuildOutput b) {
    return String.join("\n", b.log()) + (b.log().isEmpty() ? "" : "\n") + "Successfully tagged " + b.tag() + "\n";
  }

  public String containers(ContainerList l) {
    // docker's COMMAND column is left out: summaries don't carry it, and chat width is precious
    TextTable t = new TextTable("CONTAINER ID", "IMAGE", "CREATED", "STATUS", "PORTS", "NAMES");
    for (ContainerSummary c : l.containers()) {
      t.row(c.shortId(), c.image(), ago(c.created()), c.status(), String.join(", ", c.ports()), c.name());
    }
    return t.render();
  }

  public String run(RunOutput r) {
    if (r.detached()) return r.containerId() + "\n";
    String out = r.output();
    if (r.truncated()) out += "[output truncated]\n";
    if (r.exitCode() != 0) out += "[exit code " + r.exitCode() + "]\n";
    return out;
  }

  public static String logs(LogOutput l) {
    StringBuilder sb = new StringBuilder();
    if (l.truncated()) sb.append("[older lines omitted; showing the last ").append(l.lines().size()).append("]\n");
    for (LogLine line : l.lines()) {
      if (line.timestamp() != null) sb.append(DateTimeFormatter.ISO_INSTANT.format(line.timestamp())).append(' ');
      sb.append(line.text()).append('\n');
    }
    return sb.toString();
  }

  public static String exec(ExecOutput e) {
    StringBuilder sb = new StringBuilder(e.stdout());
    if (!e.stderr().isEmpty()) {
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
      sb.append(e.stderr());
    }
    if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
    if (e.truncated()) sb.append("[output truncated]\n");
    if (e.exitCode() != 0) sb.append("[exit code ").append(e.exitCode()).append("]\n");
    return sb.toString();
  }

  public String details(ContainerDetails d) {
    ContainerSummary s = d.summary();
    StringBuilder sb = new StringBuilder();
    line(sb, "Name", s.name());
    line(sb, "Id", s.id());
    line(sb, "Image", s.image() + " (" + d.imageId() + ")");
    line(sb, "State", s.state() + (d.exitCode() != null && !s.running() ? " (exit " + d.exitCode() + ")" : ""));
    line(sb, "Status", s.status());
    line(sb, "Health", d.health());
    line(sb, "Started", d.startedAt() == null ? null : TIME.format(d.startedAt()));
    line(sb, "Finished", d.finishedAt() == null ? null : TIME.format(d.finishedAt()));
    line(sb, "Restarts", Integer.toString(d.restartCount()));
    line(sb, "Restart policy", d.restartPolicy());
    if (d.oomKilled()) line(sb, "OOM killed", "yes");
    line(sb, "Command", String.join(" ", d.command()));
    line(sb, "Ports", String.join(", ", s.ports()));
    line(sb, "Env", String.join(", ", d.env()));
    line(sb, "Mounts", String.join(", ", d.mounts()));
    line(sb, "Networks", d.networks().toString());
    line(sb, "Labels", s.labels().toString());
    return sb.toString();
  }

  private static void line(StringBuilder sb, String key, String value) {
    if (value == null || value.isEmpty()) return;
    sb.append(String.format(Locale.ROOT, "%-15s %s%n", key + ":", value.replace('\n', ' ')));
  }

  public String images(ImageList l) {
    TextTable t = new TextTable("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
    for (ImageSummary i : l.images()) {
      if (i.tags().isEmpty()) {
        t.row("<none>", "<none>", i.shortId(), ago(i.created()), size(i.sizeBytes()));
      }
      for (String tag : i.tags()) {
        int colon = tag.lastIndexOf(':');
        boolean hasTag = colon > tag.lastIndexOf('/');
        t.row(hasTag ? tag.substring(0, colon) : tag, hasTag ? tag.substring(colon + 1) : "<none>", i.shortId(),
            ago(i.created()), size(i.sizeBytes()));
      }
    }
    return t.render();
  }

  public static String stats(StatsSnapshot s) {
    TextTable t = new TextTable("CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "PIDS");
    String id = s.containerId().length() > 12 ? s.containerId().substring(0, 12) : s.containerId();
    t.row(id, s.name(), String.format(Locale.ROOT, "%.2f%%", s.cpuPercent()),
        size(s.memoryUsageBytes()) + " / " + size(s.memoryLimitBytes()),
        String.format(Locale.ROOT, "%.2f%%", s.memoryPercent()), Integer.toString(s.pids()));
    return t.render();
  }

  public static String audit(AuditPage p) {
    TextTable t = new TextTable("SEQ", "TIME", "USER", "SOURCE", "ACTION", "TARGET", "OUTCOME", "MS", "MESSAGE");
    for (AuditRecord r : p.records()) {
      AuditEntry e = r.entry();
      // escaped again here: records written before the core escaped them may hold raw control characters
      t.row(Long.toString(r.seq()), TIME.format(e.time()),
          ControlCharacters.escape(e.berthUser() == null ? e.platformUserId() : e.berthUser()), e.source().id(),
          ControlCharacters.escape(e.action()), ControlCharacters.escape(e.target()), e.outcome().id(),
          e.durationMs() == null ? "" : e.durationMs().toString(), ControlCharacters.escape(e.message()));
    }
    String text = t.render();
    return p.nextCursor() == null ? text : text + "(more: --before " + p.nextCursor() + ")\n";
  }

  public String ago(Instant then) {
    if (then == null || then.equals(Instant.EPOCH)) return "";
    Duration d = Duration.between(then, clock.instant());
    if (d.isNegative()) d = Duration.ZERO;
    long s = d.getSeconds();
    if (s < 60) return s <= 1 ? "Less than a second ago" : s + " seconds ago";
    if (s < 3600) return plural(s / 60, "minute") + " ago";
    if (s < 86400) return plural(s / 3600, "hour") + " ago";
    return plural(s / 86400, "day") + " ago";
  }

  private static String plural(long n, String unit) {
    return n == 1 ? (unit.equals("hour") ? "An hour" : "1 " + unit) : n + " " + unit + "s";
  }

  public static String size(long bytes) {
    if (bytes < 1000) return bytes + "B";
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.0f%s" : "%.3g%s", v, units[u]);
  }

  /** A docker-style table (columns three spaces apart) for results outside this class. */
  public static String table(List<String> header, List<List<String>> rows) {
    TextTable t = new TextTable(header.toArray(String[]::new));
    rows.forEach(r -> t.row(r.toArray(String[]::new)));
    return t.render();
  }
}
