package io.berth.core.result;

import java.util.Map;

/**
 * One row of {@code network ls}: what docker's network context prints ({@code ipv6}, {@code internal},
 * {@code created} as the engine wrote it, RFC 3339 with nanoseconds; empty when unknown).
 */
public record NetworkSummary(String id, String name, String driver, String scope, Map<String, String> labels,
    boolean ipv6, boolean internal, String created) {
  public NetworkSummary {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    created = created == null ? "" : created;
  }

  public NetworkSummary(String id, String name, String driver, String scope, Map<String, String> labels) {
    this(id, name, driver, scope, labels, false, false, "");
  }

  /** The 12-character id docker's table shows. */
  public String shortId() {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
