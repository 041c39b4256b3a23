package io.berth.core.service;

import io.berth.core.command.Run;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.model.BerthUser;
import io.berth.core.policy.AccessPolicy;
import io.berth.core.result.ContainerSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code run} reaches besides its own new container, checked against the caller's scope
 * once the policy's run guards have let the flags through: containers whose namespaces it joins,
 * and existing named volumes it mounts.
 */
final class RunReach {
  private final ContainerEngine engine;
  private final AccessPolicy policy;

  RunReach(ContainerEngine engine, AccessPolicy policy) {
    this.engine = engine;
    this.policy = policy;
  }

  /** Why a mounted volume is out of the user's scope, or empty when every one is fine. */
  Optional<String> volumeRefusal(BerthUser user, Run run) {
    for (Run.VolumeMount v : run.volumes()) {
      if (v.isBindMount()) continue; // a host path: the run guards decide
      Optional<io.berth.core.engine.VolumeUsage> usage = engine.volume(v.source());
      if (usage.isPresent() && !policy.volumeInScope(user, usage.get())) {
        return Optional.of("run: volume " + v.source() + " belongs to a container outside what " + user.name()
            + " may use; mount a volume of your own (a new name creates one)");
      }
    }
    return Optional.empty();
  }

  /**
   * The run with each joined container named by its id, so a rename between check and create
   * cannot redirect it; one outside the scope reads as not found, as for {@code stop NAME}.
   */
  Run pinJoinedContainers(BerthUser user, Run run) {
    if (run.joinedContainers().isEmpty()) return run;
    Map<String, String> ids = new LinkedHashMap<>();
    for (String name : run.joinedContainers()) {
      // resolved among the user's containers only, so an ambiguous prefix never names others
      ContainerSummary c = engine.resolveContainer(name, candidate -> policy.inScope(user, candidate));
      ids.put(name, c.id());
    }
    return run.withJoinedContainers(ids);
  }
}
