package io.berth.core.result;

import io.berth.core.render.Listings;
import io.berth.core.render.PlainTextRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read command run with {@code --context all}: what each context answered, in configuration order, and one
 * line per context that did not ({@code context X: <reason>}, docker's stderr). {@code ps} and {@code images}
 * are one table with a CONTEXT column first, {@code events} one time-ordered list with the context first on each
 * line; other results are shown one context after the other.
 * {@code view}: the listing's -q/--no-trunc/--format, applied once to the merged rows.
 * The command succeeded when at least one context answered (exit 0); the failed contexts are its error lines.
 */
public record AcrossContexts(Map<String, Result> answers, Map<String, String> failures, Listings.View view)
    implements Result {
  public AcrossContexts {
    answers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    failures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures));
  }

  @Override
  public String text(PlainTextRenderer r) {
    if (!answers.isEmpty() && answers.values().stream().allMatch(a -> a instanceof ContainerList)) {
      Map<String, List<ContainerSummary>> rows = new LinkedHashMap<>();
      answers.forEach((c, a) -> rows.put(c, ((ContainerList) a).containers()));
      return Listings.containersAcross(rows, view, r.clock());
    }
    if (!answers.isEmpty() && answers.values().stream().allMatch(a -> a instanceof ImageList)) {
      Map<String, List<ImageSummary>> rows = new LinkedHashMap<>();
      answers.forEach((c, a) -> rows.put(c, ((ImageList) a).images()));
      return Listings.imagesAcross(rows, view, r.clock());
    }
    if (!answers.isEmpty() && answers.values().stream().allMatch(a -> a instanceof io.berth.core.command.Events.History)) {
      Map<String, io.berth.core.command.Events.History> events = new LinkedHashMap<>();
      answers.forEach((c, a) -> events.put(c, (io.berth.core.command.Events.History) a));
      return Listings.eventsAcross(events, view.format());
    }
    StringBuilder sb = new StringBuilder();
    answers.forEach((c, a) -> sb.append("CONTEXT ").append(c).append('\n').append(a.text(r)));
    return sb.toString();
  }

  @Override
  public List<String> errors() {
    List<String> out = new ArrayList<>();
    failures.forEach((c, why) -> out.add(errorLine(c, why)));
    return out;
  }

  /** docker's per-target error form for a context that did not answer (or, followed, dropped out): {@code context X: why}. */
  public static String errorLine(String context, String why) {
    return "context " + context + ": " + why;
  }

  /** One context answering is enough: the others' errors are reported, not the command's failure. */
  @Override
  public boolean failed() {
    return answers.isEmpty();
  }
}
