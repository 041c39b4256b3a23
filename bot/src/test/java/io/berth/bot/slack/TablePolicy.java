package io.berth.bot.slack;

import io.berth.core.command.DockerRequest;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.policy.AccessPolicy;
import io.berth.core.policy.Decision;
import io.berth.core.result.ContainerSummary;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Small policy for tests until {@code ConfiguredPolicy} lands: Slack user id → user; viewers may
 * only read; rm needs confirmation; admins confirm for others.
 */
final class TablePolicy implements AccessPolicy {
  static final Set<String> READ = Set.of("ps", "logs", "help", "images", "inspect", "stats");
  private final Map<String, BerthUser> bySlackId;

  TablePolicy(Map<String, BerthUser> bySlackId) {
    this.bySlackId = Map.copyOf(bySlackId);
  }

  @Override
  public Optional<BerthUser> identify(Caller caller) {
    return Optional.ofNullable(bySlackId.get(caller.platformUserId()));
  }

  @Override
  public String enrollmentHint(Caller caller) {
    return "Add slack: [" + caller.platformUserId() + "] to a user in policy.users.";
  }

  @Override
  public Decision decide(BerthUser user, Caller caller, DockerRequest request, Optional<ContainerSummary> target) {
    if (user.role().equals("viewer") && !READ.contains(request.action())) {
      return new Decision.Deny("role viewer may not " + request.action() + " (allowed: " + READ + ")");
    }
    if (request.action().equals("rm")) return new Decision.Confirm("Remove container " + request.target() + "?");
    return Decision.ALLOW;
  }

  @Override
  public boolean inScope(BerthUser user, ContainerSummary container) {
    return true;
  }

  @Override
  public boolean canConfirmForOthers(BerthUser user) {
    return user.role().equals("admin");
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
