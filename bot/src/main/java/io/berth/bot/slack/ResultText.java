package io.berth.bot.slack;

import io.berth.core.result.BuildOutput;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.HelpText;
import io.berth.core.result.ImageList;
import io.berth.core.result.ImageSummary;
import io.berth.core.result.LogLine;
import io.berth.core.result.LogOutput;
import io.berth.core.result.PullOutput;
import io.berth.core.result.Result;
import io.berth.core.result.RunOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker-like plain text of a result, for code blocks and attached files. Stands in for
 * {@code io.berth.core.render.PlainTextRenderer} until that lands on main.
 */
final class ResultText {
  private ResultText() {}

  static String of(Result result) {
    if (result instanceof ContainerList list) return table(containerRows(list.containers()));
    if (result instanceof ImageList list) return table(imageRows(list.images()));
    if (result instanceof LogOutput logs) return logText(logs);
    if (result instanceof ExecOutput exec) {
      String out = exec.stdout() + (exec.stderr().isEmpty() ? "" : (exec.stdout().endsWith("\n") || exec.stdout().isEmpty() ? "" : "\n") + exec.stderr());
      return out + (exec.exitCode() == 0 ? "" : "\n(exit code " + exec.exitCode() + ")");
    }
    if (result instanceof RunOutput run) {
      if (run.detached()) return run.containerId();
      return run.output() + (run.exitCode() == 0 ? "" : "\n(exit code " + run.exitCode() + ")");
    }
    if (result instanceof ContainerChanged c) return c.name() + (c.changed() ? "" : " (no change: already " + c.action() + ")");
    if (result instanceof HelpText help) return help.text();
    if (result instanceof PullOutput pull) return pull.status();
    if (result instanceof BuildOutput build) return String.join("\n", build.log()) + "\nSuccessfully built " + build.imageId() + "\nSuccessfully tagged " + build.tag();
    return String.valueOf(result);
  }

  static String logText(LogOutput logs) {
    StringBuilder sb = new StringBuilder();
    for (LogLine l : logs.lines()) {
      if (l.timestamp() != null) sb.append(l.timestamp()).append(' ');
      sb.append(l.text()).append('\n');
    }
    return sb.toString();
  }

  static List<List<String>> containerRows(List<ContainerSummary> cs) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("CONTAINER ID", "IMAGE", "STATUS", "PORTS", "NAMES"));
    for (ContainerSummary c : cs) {
      rows.add(List.of(c.shortId(), c.image(), c.status(), String.join(", ", c.ports()), c.name()));
    }
    return rows;
  }

  static List<List<String>> imageRows(List<ImageSummary> images) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("REPOSITORY:TAG", "IMAGE ID", "SIZE"));
    for (ImageSummary i : images) {
      String tag = i.tags().isEmpty() ? "<none>" : String.join(", ", i.tags());
      rows.add(List.of(tag, i.shortId(), String.format("%.1fMB", i.sizeBytes() / 1e6)));
    }
    return rows;
  }

  static String table(List<List<String>> rows) {
    int cols = rows.get(0).size();
    int[] width = new int[cols];
    for (List<String> r : rows) for (int i = 0; i < cols; i++) width[i] = Math.max(width[i], r.get(i).length());
    StringBuilder sb = new StringBuilder();
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        line.append(r.get(i));
        if (i < cols - 1) line.append(" ".repeat(width[i] - r.get(i).length() + 3));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
