package io.berth.app.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings one stream of output to what it means, so docker's and Berth's can be compared: the names
 * that differ per side, ids, timestamps, relative ages, docker's usage hints, the error prefix
 * ({@code Error response from daemon:} / {@code docker:} / {@code Error:} say the same) and column
 * padding. What is left must match.
 */
public final class Normaliser {
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]|\r");
  private static final Pattern RFC3339 = Pattern.compile(
      "\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?( ?(Z|[+-]\\d\\d:?\\d\\d))?( [A-Z]{3,4})?");
  private static final Pattern AGE = Pattern.compile(
      "\\b(Less than a second|About an? (minute|hour)|an? (second|minute|hour|day|week|month|year)"
          + "|\\d+ (second|minute|hour|day|week|month|year)s?)\\b");
  private static final Pattern ID64 = Pattern.compile("\\b[0-9a-f]{64}\\b");
  private static final Pattern ID12 = Pattern.compile("\\b[0-9a-f]{12}\\b");
  private static final Pattern ERROR_PREFIX = Pattern.compile(
      "(?m)^(docker: )?(Error response from daemon: |Error: )+");
  private static final Pattern DOCKER_HINT = Pattern.compile(
      "(?m)^(Run|See) 'docker [^']*--help'( for more information)?\\.?$");
  private static final Pattern PADDING = Pattern.compile("[ \\t]{2,}");

  private final Map<String, String> literals;

  /** {@code literals}: exact text → its neutral form (side names first, then the run prefix, paths). */
  public Normaliser(Map<String, String> literals) {
    this.literals = new LinkedHashMap<>(literals);
  }

  /** The neutral form of one stream under a case's extra rules. */
  public String normalise(String text, List<List<String>> replace, List<String> ignore, boolean keepLayout) {
    String s = ANSI.matcher(text).replaceAll("");
    for (List<String> r : replace) s = s.replaceAll(r.get(0), Matcher.quoteReplacement(r.get(1)));
    for (var e : literals.entrySet()) s = s.replace(e.getKey(), e.getValue());
    s = RFC3339.matcher(s).replaceAll("<time>");
    s = AGE.matcher(s).replaceAll("<age>");
    s = ID64.matcher(s).replaceAll("<id64>");
    s = ID12.matcher(s).replaceAll("<id12>");
    if (keepLayout) return s;
    s = ERROR_PREFIX.matcher(s).replaceAll("Error: ");
    s = DOCKER_HINT.matcher(s).replaceAll("");
    List<Pattern> dropped = ignore.stream().map(Pattern::compile).toList();
    List<String> lines = new ArrayList<>();
    for (String line : s.split("\n", -1)) {
      String l = PADDING.matcher(line).replaceAll("  ").stripTrailing();
      if (l.isEmpty() || dropped.stream().anyMatch(p -> p.matcher(l).find())) continue;
      lines.add(l);
    }
    return String.join("\n", lines);
  }
}
