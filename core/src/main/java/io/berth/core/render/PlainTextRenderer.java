package io.berth.core.render;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditedCommand;
import io.berth.core.audit.ControlCharacters;
import io.berth.core.result.AuditPage;
import io.berth.core.result.CapturedOutput;
import io.berth.core.result.OutputChunk;
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
import io.berth.core.result.StatsTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
    if (outcome instanceof Outcome.Succeeded s) {
      // one text for chat and the command bar: what succeeded, then each target's error (the CLI splits them)
      if (s.result() == null) return "";
      return render(s.result()) + s.result().errors().stream().map(e -> e + "\n").collect(java.util.stream.Collectors.joining());
    }
    if (outcome instanceof Outcome.Denied d) return "Denied: " + d.reason() + "\n";
    if (outcome instanceof Outcome.Failed f) return "Error: " + f.message() + "\n";
    if (outcome instanceof Outcome.Cancelled c) return "Cancelled: " + c.commandText() + "\n";
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

  /** docker's classic builder output: the step log once (it ends with Successfully built/tagged), or with -q the id. */
  public String build(BuildOutput b) {
    if (b.quiet()) return b.imageId() + "\n";
    StringBuilder sb = new StringBuilder();
    b.log().forEach(l -> sb.append(l).append('\n'));
    for (String tag : b.tags()) {
      if (!b.log().contains("Successfully tagged " + tag)) sb.append("Successfully tagged ").append(tag).append('\n');
    }
    return sb.toString();
  }

  /** The clock ages ("5 minutes ago") are counted on. */
  public Clock clock() {
    return clock;
  }

  public String containers(ContainerList l) {
    return Listings.containers(l.containers(), l.view(), clock);
  }

  /**
   * An attached run as chat and the console show it: the container's stdout, then its stderr under a label,
   * the cut marker where output was capped, and the exit code when it is not 0 (a terminal gets the two
   * streams apart and the code as its own exit status instead: {@link Result#printed}).
   */
  public String run(RunOutput r) {
    if (r.detached()) return r.containerId() + "\n";
    return labelled(r.streams(), r.exitCode());
  }

  public static String exec(ExecOutput e) {
    return labelled(e.streams(), e.exitCode());
  }

  /** Label of the stderr section in chat and console text. */
  public static final String STDERR_LABEL = "--- stderr ---";

  private static String labelled(CapturedOutput o, int exitCode) {
    StringBuilder sb = new StringBuilder();
    appendLine(sb, o.stdout());
    if (!o.stderr().isEmpty()) {
      sb.append(STDERR_LABEL).append('\n');
      appendLine(sb, o.stderr());
    }
    if (o.truncated()) sb.append(o.marker()).append('\n');
    if (exitCode != 0) sb.append("[exit code ").append(exitCode).append("]\n");
    return sb.toString();
  }

  private static void appendLine(StringBuilder sb, String text) {
    sb.append(text);
    if (!text.isEmpty() && !text.endsWith("\n")) sb.append('\n');
  }

  /** Logs as chat and the console show them: stdout lines, then stderr lines under a label. */
  public static String logs(LogOutput l) {
    StringBuilder sb = new StringBuilder();
    if (l.truncated()) sb.append(olderLinesOmitted(l));
    boolean anyErr = false;
    for (LogLine line : l.lines()) {
      if (line.stream() == LogLine.Stream.STDERR) anyErr = true;
      else sb.append(logLine(line));
    }
    if (anyErr) {
      sb.append(STDERR_LABEL).append('\n');
      for (LogLine line : l.lines()) if (line.stream() == LogLine.Stream.STDERR) sb.append(logLine(line));
    }
    return sb.toString();
  }

  /** Logs as a terminal gets them: each line on its own stream, in order; the cap's note on stderr. */
  public List<OutputChunk> logChunks(LogOutput l) {
    List<OutputChunk> chunks = new ArrayList<>(l.lines().size() + 1);
    if (l.truncated()) chunks.add(OutputChunk.stderr(olderLinesOmitted(l)));
    for (LogLine line : l.lines()) chunks.add(new OutputChunk(line.stream(), logLine(line)));
    return chunks;
  }

  private static String olderLinesOmitted(LogOutput l) {
    return "[berth: older lines omitted (engine.maxLogLines); showing the last " + l.lines().size() + "]\n";
  }

  private static String logLine(LogLine line) {
    return (line.timestamp() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(line.timestamp()) + " ")
        + line.text() + "\n";
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
    return Listings.images(l.images(), l.view(), clock);
  }

  public static String stats(StatsSnapshot s) {
    return stats(new StatsTable(List.of(s), null));
  }

  /** docker's stats table (memory in binary units, NET/BLOCK I/O in SI units), or its {@code --format}. */
  public static String stats(StatsTable t) {
    return Listings.stats(t.samples(), t.labels(), t.format(), !t.noTrunc());
  }

  /**
   * One row per command: when it was asked, who, what, how it ended (outcome, ms, message) and the
   * steps in between (confirmation, approvals, refused presses) in one column.
   */
  public static String audit(AuditPage p) {
    TextTable t = new TextTable("SEQ", "TIME", "USER", "SOURCE", "ACTION", "CONTEXT", "TARGET", "OUTCOME", "MS", "MESSAGE",
        "STEPS");
    for (AuditedCommand c : p.commands()) {
      AuditEntry e = c.request();
      // escaped again here: records written before the core escaped them may hold raw control characters
      t.row(Long.toString(c.lastSeq()), TIME.format(e.time()),
          ControlCharacters.escape(e.berthUser() == null ? e.platformUserId() : e.berthUser()), e.source().id(),
          ControlCharacters.escape(e.action()), orEmpty(c.context()), ControlCharacters.escape(e.target()),
          c.outcome().id(), c.durationMs() == null ? "" : c.durationMs().toString(), ControlCharacters.escape(c.message()),
          ControlCharacters.escape(String.join(", ", c.stepSummary())));
    }
    String text = t.render();
    return p.nextCursor() == null ? text : text + "(more: --before " + p.nextCursor() + ")\n";
  }

  /** A context as a cell: records that ran on no engine (or from before the column) show none. */
  private static String orEmpty(String context) {
    return context == null ? "" : ControlCharacters.escape(context);
  }

  /** Stored records one per row, as they are in the chain ({@code berth audit tail}). */
  public static String auditRecords(List<AuditRecord> records) {
    TextTable t = new TextTable("SEQ", "TIME", "USER", "SOURCE", "ACTION", "CONTEXT", "TARGET", "OUTCOME", "MS",
        "MESSAGE");
    for (AuditRecord r : records) {
      AuditEntry e = r.entry();
      t.row(Long.toString(r.seq()), TIME.format(e.time()),
          ControlCharacters.escape(e.berthUser() == null ? e.platformUserId() : e.berthUser()), e.source().id(),
          ControlCharacters.escape(e.action()), orEmpty(e.context()), ControlCharacters.escape(e.target()),
          e.outcome().id(), e.durationMs() == null ? "" : e.durationMs().toString(), ControlCharacters.escape(e.message()));
    }
    return t.render();
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

  /** A docker-style table (docker's tabwriter: {@link DockerFormat#tabwrite}) for results outside this class. */
  public static String table(List<String> header, List<List<String>> rows) {
    StringBuilder text = new StringBuilder(String.join("\t", header));
    for (List<String> r : rows) text.append('\n').append(String.join("\t", r));
    return DockerFormat.tabwrite(text.toString()) + "\n";
  }
}
