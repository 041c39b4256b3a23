package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.Engines;
import io.berth.core.replica.SoleLeadership;
import io.berth.core.result.Failure;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
  @Test
  void everyContextIsPingedAndOnlyTheDefaultDecidesHealth() {
    Map<String, ContainerEngine> byContext = new LinkedHashMap<>();
    byContext.put("prod", new RecordingContainerEngine());
    byContext.put("edge", unreachable());
    HealthCheck.Report r = new HealthCheck(new Engines(byContext, "prod", List.of()), new InMemoryAuditTrail(), new SoleLeadership()).check();
    assertThat(r.healthy()).isTrue();
    assertThat(r.contexts().get("edge").reachable()).isFalse();
    assertThat(r.json()).contains("\"contexts\":{\"prod\":{\"reachable\":true", "\"edge\":{\"reachable\":false,\"detail\":\"down (test)\"}");

    Map<String, ContainerEngine> edgeFirst = new LinkedHashMap<>(byContext);
    HealthCheck.Report down = new HealthCheck(new Engines(edgeFirst, "edge", List.of()), new InMemoryAuditTrail(), new SoleLeadership()).check();
    assertThat(down.healthy()).as("the default context is down").isFalse();
  }

  @Test
  void oneEngineReportsNoContexts() {
    HealthCheck.Report r = new HealthCheck(Engines.single(new RecordingContainerEngine()), new InMemoryAuditTrail(), new SoleLeadership()).check();
    assertThat(r.json()).doesNotContain("contexts").startsWith("{\"status\":\"ok\"");
  }

  /** Replicas: /healthz says which one leads (the Swarm test and an operator find the leader there). */
  @Test
  void itSaysWhetherThisReplicaLeads() {
    SoleLeadership leadership = new SoleLeadership();
    HealthCheck health = new HealthCheck(Engines.single(new RecordingContainerEngine()), new InMemoryAuditTrail(), leadership);
    assertThat(health.check().json()).contains("\"leader\":true");
    leadership.close();
    HealthCheck.Report follower = health.check();
    assertThat(follower.json()).contains("\"leader\":false");
    assertThat(follower.healthy()).as("a follower is as healthy as the leader").isTrue();
  }

  private static ContainerEngine unreachable() {
    return (ContainerEngine) Proxy.newProxyInstance(ContainerEngine.class.getClassLoader(), new Class<?>[] {ContainerEngine.class},
        (p, m, a) -> {
          if (m.getName().equals("endpoint")) return "edge";
          throw new EngineException(Failure.ENGINE_UNREACHABLE, "down (test)");
        });
  }
}
