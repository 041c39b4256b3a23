package io.berth.bot.slack;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An HTTP request as any server hands it over, so the Slack endpoint needs no web framework.
 * Header names are case-insensitive.
 */
public record SlackHttpRequest(
    String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
    String body, String remoteAddress) {
  public SlackHttpRequest {
    Objects.requireNonNull(method, "method");
    path = path == null ? "/" : path;
    query = Map.copyOf(query == null ? Map.of() : query);
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(h);
    body = body == null ? "" : body;
  }

  /** First value of a header, or null. */
  public String header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
