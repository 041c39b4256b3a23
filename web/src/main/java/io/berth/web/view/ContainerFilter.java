package io.berth.web.view;

import io.berth.core.command.Ps;
import io.berth.core.result.ContainerSummary;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The containers page filter ({@code ?q=&state=&label=}): name substring, state (running, exited, ... or "all"), label
 * {@code key} or {@code key=value}. Empty strings mean "any".
 */
public record ContainerFilter(String name, String state, String label) {
  public ContainerFilter {
    name = name == null ? "" : name.strip();
    state = state == null || state.isBlank() ? "all" : state.strip();
    label = label == null ? "" : label.strip();
  }

  /** The docker filters this maps to (the engine does the filtering for the page load). */
  public List<Ps.Filter> psFilters() {
    List<Ps.Filter> f = new ArrayList<>();
    if (!name.isEmpty()) f.add(new Ps.Filter("name", name));
    if (!"all".equals(state)) f.add(new Ps.Filter("status", state));
    if (!label.isEmpty()) f.add(new Ps.Filter("label", label));
    return f;
  }

  /** Whether a container (as known from an event) belongs in the filtered table. */
  public boolean matches(String containerName, String containerState, Map<String, String> labels) {
    if (!name.isEmpty() && (containerName == null || !containerName.contains(name))) return false;
    if (!"all".equals(state) && !state.equals(containerState)) return false;
    if (!label.isEmpty()) {
      int eq = label.indexOf('=');
      if (eq < 0) return labels.containsKey(label);
      return label.substring(eq + 1).equals(labels.get(label.substring(0, eq)));
    }
    return true;
  }

  public boolean matches(ContainerSummary c) {
    return matches(c.name(), c.state(), c.labels());
  }

  /** Query string (without '?') reproducing this filter. */
  public String query() {
    return "q=" + enc(name) + "&state=" + enc(state) + "&label=" + enc(label);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
