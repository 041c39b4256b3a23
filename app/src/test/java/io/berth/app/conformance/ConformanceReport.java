package io.berth.app.conformance;

import io.berth.app.conformance.Judge.Judgement;
import io.berth.app.conformance.Judge.Verdict;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** docs/conformance.md from one run: the counts, the pending cases by part, then every case. */
public final class ConformanceReport {
  /** One judged case, and the part of issue 10 it waits for (null when it is not pending). */
  public record Row(ConformanceCase c, Judgement j, String pendingPart) {
    boolean failing() {
      return j.verdict() == Verdict.WRONG || j.verdict() == Verdict.UNSUPPORTED;
    }
  }

  private ConformanceReport() {}

  public static Map<Verdict, Integer> counts(List<Row> rows) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) counts.put(v, 0);
    rows.forEach(r -> counts.merge(r.j().verdict(), 1, Integer::sum));
    return counts;
  }

  public static String markdown(List<Row> rows, String when, String versions, long seconds) {
    StringBuilder md = new StringBuilder("# Conformance: `./berth docker ARGS` next to `docker ARGS`\n\n");
    md.append("Written by `app/src/test/java/io/berth/app/conformance/DockerConformanceIT.java` from its last run; do not edit by hand.\n")
        .append("Cases: `app/src/test/resources/conformance/cases.yaml`. Each case ran as `docker ARGS` and as Berth's `docker ARGS`\n")
        .append("(in-process `Main.run`, the launcher's code path; a few cases also through `java -jar berth.jar` to prove they agree)\n")
        .append("on the same engine, back to back, no TTY, stdin empty unless the case pipes text in (shown as `<<< text`). Compared: exit code, stdout, stderr, by meaning:\n")
        .append("per-side names, ids (12/64 hex), timestamps, relative ages, column padding, blank lines, docker's `Run 'docker … --help'` hints\n")
        .append("and the error prefix (`Error response from daemon:` = `docker:` = `Error:`) are normalised; some cases compare JSON trees,\n")
        .append("key sets, a table's header (output that depends on what else runs on the engine) or its shape (time-dependent numbers).\n\n")
        .append("Verdicts: **same**; **acceptable** (differs only as the case declares, for the reason given: a Berth policy,\n")
        .append("confirmation, or wording); **wrong**; **unsupported** (Berth does not know the command, flag or form).\n")
        .append("The suite fails on any wrong or unsupported case unless it is *pending*: listed in `cases.yaml` under the work\n")
        .append("that will fix it (a part in progress, or what is not built yet); an id is removed once its case passes.\n\n");
    md.append("- **Run**: ").append(when).append(", ").append(seconds).append(" s; ").append(versions).append("\n\n");
    Map<Verdict, Integer> counts = counts(rows);
    long pending = rows.stream().filter(r -> r.pendingPart() != null && r.failing()).count();
    md.append("| verdict | cases |\n|---|---|\n");
    for (Verdict v : Verdict.values()) md.append("| ").append(v.name().toLowerCase()).append(" | ").append(counts.get(v)).append(" |\n");
    md.append("| **total** | ").append(rows.size()).append(" |\n");
    md.append("| of which pending (wrong/unsupported, listed with the work that will fix them) | ").append(pending).append(" |\n\n");

    List<Row> failing = rows.stream().filter(r -> r.failing() && r.pendingPart() == null).toList();
    if (!failing.isEmpty()) {
      md.append("## Failing (wrong or unsupported, not pending)\n\n");
      table(md, failing);
    }
    md.append("## Pending, by the work that will fix them\n\n");
    for (String part : rows.stream().map(Row::pendingPart).filter(java.util.Objects::nonNull).distinct().toList()) {
      List<Row> p = rows.stream().filter(r -> part.equals(r.pendingPart())).toList();
      if (p.isEmpty()) continue;
      md.append("### ").append(part).append(" (").append(p.size()).append(")\n\n");
      table(md, p);
    }
    md.append("## Every case\n\n");
    String group = null;
    for (Row r : rows) {
      if (!r.c().group().equals(group)) {
        if (group != null) md.append('\n');
        group = r.c().group();
        md.append("### ").append(group).append("\n\n| id | `docker …` | rc docker/berth | verdict | reason or difference |\n|---|---|---|---|---|\n");
      }
      row(md, r);
    }
    return md.toString();
  }

  private static void table(StringBuilder md, List<Row> rows) {
    md.append("| id | `docker …` | rc docker/berth | verdict | reason or difference |\n|---|---|---|---|---|\n");
    rows.forEach(r -> row(md, r));
    md.append('\n');
  }

  private static void row(StringBuilder md, Row r) {
    String verdict = r.j().verdict().name().toLowerCase();
    if (r.pendingPart() != null) verdict += r.failing() ? " (pending: " + r.pendingPart() + ")" : " (pending entry can go)";
    String why = r.j().detail();
    if (!r.c().note().isEmpty()) why = why.isEmpty() ? r.c().note() : why + " — " + r.c().note();
    md.append("| ").append(r.c().id()).append(" | `").append(Judge.cut(r.c().args().replace("{X}", "X"))).append("`")
        .append(r.c().stdin().isEmpty() ? "" : " `<<< " + r.c().stdin().replace("\n", "\\n") + "`")
        .append(r.c().yes() ? " *(berth: --yes)*" : "").append(" | ").append(r.j().docker().rc()).append(" / ")
        .append(r.j().berth().rc()).append(" | ").append(verdict).append(" | ").append(why.replace("|", "\\|").replace("\n", " "))
        .append(" |\n");
  }
}
