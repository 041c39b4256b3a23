package io.berth.app;

import io.berth.core.audit.AuditTrail;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;

/** {@code GET /healthz}: is the engine reachable, can the audit trail be written. */
final class HealthCheck {
  /** The answer; {@code healthy()} decides 200 vs 503. */
  record Report(boolean engineReachable, String engineDetail, boolean auditWritable) {
    boolean healthy() {
      return engineReachable && auditWritable;
    }

    String json() {
      return "{\"status\":\"" + (healthy() ? "ok" : "degraded") + "\",\"engine\":{\"reachable\":" + engineReachable
          + ",\"detail\":\"" + escape(engineDetail) + "\"},\"audit\":{\"writable\":" + auditWritable + "}}";
    }
  }

  private final ContainerEngine engine;
  private final AuditTrail audit;

  HealthCheck(ContainerEngine engine, AuditTrail audit) {
    this.engine = engine;
    this.audit = audit;
  }

  Report check() {
    boolean reachable;
    String detail;
    try {
      detail = "docker " + engine.ping() + " at " + engine.endpoint();
      reachable = true;
    } catch (EngineException e) {
      detail = e.getMessage();
      reachable = false;
    }
    return new Report(reachable, detail, audit.writable());
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.toString();
  }
}
