package io.berth.core.result;

import java.util.Map;

/** One row of {@code network ls}. */
public record NetworkSummary(String id, String name, String driver, String scope, Map<String, String> labels) {
  public NetworkSummary {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** The 12-character id docker's table shows. */
  public String shortId() {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
