package io.berth.core.command;

import io.berth.core.audit.AuditFilter;

/** {@code audit [--user U] [--action A] [--target T] [--outcome O] [--since D] [--limit N] [TEXT]}. */
public record AuditQuery(AuditFilter filter, int limit) implements DockerRequest {
  public AuditQuery {
    if (limit < 1 || limit > 500) throw new IllegalArgumentException("--limit must be 1..500");
  }

  @Override
  public String action() {
    return "audit";
  }
}
