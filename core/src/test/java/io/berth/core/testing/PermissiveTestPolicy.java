package io.berth.core.testing;

import io.berth.core.command.DockerRequest;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.policy.AccessPolicy;
import io.berth.core.policy.Decision;
import io.berth.core.result.ContainerSummary;
import java.util.Optional;

/** Test policy: every caller is the admin user named after their platform id; everything is allowed. */
public final class PermissiveTestPolicy implements AccessPolicy {
  @Override
  public Optional<BerthUser> identify(Caller caller) {
    return Optional.of(new BerthUser(caller.platformUserId(), "admin"));
  }

  @Override
  public String enrollmentHint(Caller caller) {
    return "everyone is known to the permissive test policy";
  }

  @Override
  public Decision decide(BerthUser user, Caller caller, DockerRequest request, Optional<ContainerSummary> target) {
    return Decision.ALLOW;
  }

  @Override
  public boolean inScope(BerthUser user, ContainerSummary container) {
    return true;
  }

  @Override
  public boolean canConfirmForOthers(BerthUser user) {
    return true;
  }

  @Override
  public Optional<String> placeDenied(Caller caller) {
    return Optional.empty();
  }

  @Override
  public java.util.Optional<String> imageRefusal(BerthUser user, String action, String image) {
    return java.util.Optional.empty(); // every image allowed, as every decision here
  }
}
