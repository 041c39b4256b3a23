package io.berth.app;

import io.berth.core.audit.AuditTrail;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.Engines;
import io.berth.core.replica.Leadership;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /healthz}: is the default context's engine reachable, can the audit trail be written; and, with
 * several endpoints, each context's engine (pinged in parallel, each bounded, so a down one never delays the
 * answer by more than {@link #PER_CONTEXT}). Only the default context decides 200 vs 503: another endpoint
 * being down degrades only what is asked of it. {@code "leader"} says whether this replica leads (holds the
 * Discord connection and sends alerts; always true for a Berth alone): it informs, it never makes a follower
 * unhealthy.
 */
final class HealthCheck {
  static final Duration PER_CONTEXT = Duration.ofSeconds(6);

  /** One context's answer. */
  record Context(boolean reachable, String detail) {}

  /** The answer; {@code healthy()} decides 200 vs 503. */
  record Report(boolean engineReachable, String engineDetail, boolean auditWritable, boolean leader,
      Map<String, Context> contexts) {

    boolean healthy() {
      return engineReachable && auditWritable;
    }

    String json() {
      StringBuilder sb = new StringBuilder("{\"status\":\"" + (healthy() ? "ok" : "degraded") + "\",\"engine\":{\"reachable\":"
          + engineReachable + ",\"detail\":\"" + escape(engineDetail) + "\"},\"audit\":{\"writable\":" + auditWritable + "}"
          + ",\"leader\":" + leader);
      if (!contexts.isEmpty()) {
        sb.append(",\"contexts\":{");
        String sep = "";
        for (var e : contexts.entrySet()) {
          sb.append(sep).append('"').append(escape(e.getKey())).append("\":{\"reachable\":").append(e.getValue().reachable())
              .append(",\"detail\":\"").append(escape(e.getValue().detail())).append("\"}");
          sep = ",";
        }
        sb.append('}');
      }
      return sb.append('}').toString();
    }
  }

  private final Engines engines;
  private final AuditTrail audit;
  private final Leadership leadership;

  HealthCheck(Engines engines, AuditTrail audit, Leadership leadership) {
    this.engines = engines;
    this.audit = audit;
    this.leadership = leadership;
  }

  Report check() {
    Map<String, CompletableFuture<Context>> pinging = new LinkedHashMap<>();
    for (String c : engines.contexts()) {
      ContainerEngine engine = engines.engine(c);
      pinging.put(c, CompletableFuture.supplyAsync(() -> ping(engine)));
    }
    long deadline = System.nanoTime() + PER_CONTEXT.toNanos();
    Map<String, Context> contexts = new LinkedHashMap<>();
    for (var e : pinging.entrySet()) {
      Context answer;
      try {
        answer = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException t) {
        answer = new Context(false, "no answer within " + PER_CONTEXT.toSeconds() + " s");
      } catch (InterruptedException | ExecutionException x) {
        if (x instanceof InterruptedException) Thread.currentThread().interrupt();
        answer = new Context(false, x.toString());
      }
      contexts.put(e.getKey(), answer);
    }
    Context main = contexts.get(engines.defaultContext());
    return new Report(main.reachable(), main.detail(), audit.writable(), leadership.leading(),
        engines.several() ? contexts : Map.of());
  }

  private static Context ping(ContainerEngine engine) {
    try {
      return new Context(true, "docker " + engine.ping() + " at " + engine.endpoint());
    } catch (EngineException e) {
      return new Context(false, e.getMessage());
    }
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
