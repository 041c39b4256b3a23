package io.berth.web.view;

import io.berth.core.audit.AuditRecord;
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
import io.berth.core.result.PullOutput;
import io.berth.core.result.Result;
import io.berth.core.result.RunOutput;
import io.berth.core.result.StatsSnapshot;
import java.util.List;

/**
 * Docker-like plain text for a result, for the command bar (the page escapes it). A stand-in
 * until the core's shared plain-text renderer is available to the console.
 */
public final class ResultText {
  private ResultText() {}

  public static String render(Result r) {
    if (r == null) return "";
    if (r instanceof ContainerList l) return containers(l.containers());
    if (r instanceof ImageList l) return images(l.images());
    if (r instanceof ContainerChanged c) return c.changed() ? c.name() : c.name() + " (already " + past(c.action()) + ")";
    if (r instanceof RunOutput o) {
      if (o.detached()) return o.containerId();
      return o.output() + (o.truncated() ? "\n[output truncated]" : "") + "\n[exit code " + o.exitCode() + "]";
    }
    if (r instanceof LogOutput o) {
      StringBuilder sb = new StringBuilder();
      if (o.truncated()) sb.append("[older lines omitted]\n");
      for (LogLine l : o.lines()) {
        if (l.timestamp() != null) sb.append(l.timestamp()).append(' ');
        sb.append(l.text()).append('\n');
      }
      return sb.toString();
    }
    if (r instanceof ExecOutput o) {
      return o.stdout() + (o.stderr().isEmpty() ? "" : o.stderr()) + (o.truncated() ? "\n[output truncated]" : "")
          + "\n[exit code " + o.exitCode() + "]";
    }
    if (r instanceof BuildOutput o) return String.join("\n", o.log()) + "\nSuccessfully tagged " + o.tag();
    if (r instanceof PullOutput o) return o.status();
    if (r instanceof ImageRemoved o) return String.join("\n", o.lines());
    if (r instanceof HelpText h) return h.text();
    if (r instanceof StatsSnapshot s) {
      return table(List.of(List.of("CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "PIDS"),
          List.of(s.containerId().length() > 12 ? s.containerId().substring(0, 12) : s.containerId(), s.name(),
              Fmt.percent(s.cpuPercent()), Fmt.bytes(s.memoryUsageBytes()) + " / " + Fmt.bytes(s.memoryLimitBytes()),
              Fmt.percent(s.memoryPercent()), String.valueOf(s.pids()))));
    }
    if (r instanceof ContainerDetails d) {
      ContainerSummary c = d.summary();
      return "Name:     " + c.name() + "\nId:       " + c.id() + "\nImage:    " + c.image() + "\nState:    " + c.state()
          + "\nCommand:  " + String.join(" ", d.command()) + "\nEnv:      " + String.join(", ", d.env())
          + "\nRestart:  " + d.restartPolicy();
    }
    if (r instanceof AuditPage p) {
      List<List<String>> rows = new java.util.ArrayList<>();
      rows.add(List.of("TIME", "USER", "SOURCE", "ACTION", "TARGET", "OUTCOME"));
      for (AuditRecord a : p.records()) {
        var e = a.entry();
        rows.add(List.of(Fmt.time(e.time()), e.berthUser() == null ? "?" : e.berthUser(), e.source().id(),
            nz(e.action()), nz(e.target()), e.outcome().id()));
      }
      return table(rows);
    }
    return r.toString();
  }

  private static String containers(List<ContainerSummary> list) {
    List<List<String>> rows = new java.util.ArrayList<>();
    rows.add(List.of("CONTAINER ID", "IMAGE", "CREATED", "STATUS", "PORTS", "NAMES"));
    for (ContainerSummary c : list) {
      rows.add(List.of(c.shortId(), c.image(), Fmt.ago(c.created()), c.status(), String.join(", ", c.ports()), c.name()));
    }
    return table(rows);
  }

  private static String images(List<ImageSummary> list) {
    List<List<String>> rows = new java.util.ArrayList<>();
    rows.add(List.of("REPOSITORY:TAG", "IMAGE ID", "CREATED", "SIZE"));
    for (ImageSummary i : list) {
      rows.add(List.of(i.tags().isEmpty() ? "<none>" : String.join(", ", i.tags()), i.shortId(), Fmt.ago(i.created()),
          Fmt.bytes(i.sizeBytes())));
    }
    return table(rows);
  }

  static String table(List<List<String>> rows) {
    int cols = rows.get(0).size();
    int[] w = new int[cols];
    for (List<String> row : rows) for (int i = 0; i < cols; i++) w[i] = Math.max(w[i], row.get(i).length());
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < cols; i++) {
        sb.append(row.get(i));
        if (i < cols - 1) sb.append(" ".repeat(w[i] - row.get(i).length() + 3));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String past(String action) {
    return action.endsWith("p") ? action + "ped" : action + "ed";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
