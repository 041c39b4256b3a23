package io.berth.core.service;

import io.berth.core.audit.AuditEntry;
import io.berth.core.command.Catalog;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.model.BerthUser;
import io.berth.core.policy.AccessPolicy;
import io.berth.core.result.ContainerSummary;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Which audit records a user may read, so scope holds for audit listings and exports as for every
 * other answer. Without a scope: all. With one: records about a container in scope (whoever made
 * them), and the user's own records that name no container. Anything else (someone else's ps, run,
 * pull, audit, or a record about a container outside the scope) stays hidden: its command text
 * could name what the user may not see.
 */
final class AuditVisibility {
  /**
   * Actions whose audit target names containers (from the catalog: a probe request of every command, ~20 ms the first
   * time), worked out when a record is first filtered, not when a command's step is set up: most never filter one.
   */
  private static final class ContainerActions {
    static final Set<String> NAMES = Set.copyOf(Catalog.containerCommands());
  }

  private AuditVisibility() {}

  static Predicate<AuditEntry> of(BerthUser user, AccessPolicy policy, ContainerEngine engine) {
    if (policy.inScope(user, probe("", Map.of()))) return entry -> true; // no scope: sees everything
    Map<String, Boolean> containers = new ConcurrentHashMap<>();
    return entry -> {
      String target = entry.target();
      if (target != null && !target.isEmpty() && ContainerActions.NAMES.contains(entry.action())) {
        // several containers (kill a b): visible only when every one is
        return Arrays.stream(target.split(" ")).allMatch(
            name -> containers.computeIfAbsent(name, n -> containerInScope(user, policy, engine, n)));
      }
      return user.name().equals(entry.berthUser());
    };
  }

  /** By name alone when the scope has only names; else the live container's labels decide (a gone one is hidden). */
  private static boolean containerInScope(BerthUser user, AccessPolicy policy, ContainerEngine engine, String name) {
    if (policy.inScope(user, probe(name, Map.of()))) return true;
    try {
      ContainerSummary c = engine.resolveContainer(name, candidate -> policy.inScope(user, candidate));
      return c.name().equals(name) || c.id().equals(name);
    } catch (EngineException e) {
      return false;
    }
  }

  private static ContainerSummary probe(String name, Map<String, String> labels) {
    return new ContainerSummary("", name, "", "", "", List.of(), Instant.EPOCH, labels);
  }
}
