package io.berth.core.policy;

import io.berth.core.command.DockerRequest;
import io.berth.core.engine.VolumeUsage;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.result.ContainerSummary;
import java.util.Optional;

/** Who may do what, where. Consulted by the core for every request, whatever its surface. */
public interface AccessPolicy {

  /** Maps a platform identity to a Berth user; empty when unknown. */
  Optional<BerthUser> identify(Caller caller);

  /**
   * The user as they act in {@code context} (an endpoint): their role there when the policy names one
   * ({@code policy.users.NAME.contexts}, {@code policy.groups[].contexts}), else as they are; the context they carry
   * then chooses their scope, run guards and approval rules in {@link #decide} and {@link #inScope}.
   */
  default BerthUser inContext(BerthUser user, String context) {
    return new BerthUser(user.name(), user.role(), context);
  }

  /** For an unknown identity: exactly what an admin must add to the configuration. */
  String enrollmentHint(Caller caller);

  /**
   * Decides one request. {@code target} is the resolved container for container commands (so
   * labels such as {@code berth.protected} can be honoured), empty otherwise.
   */
  Decision decide(BerthUser user, Caller caller, DockerRequest request, Optional<ContainerSummary> target);

  /**
   * Why Berth does not act on anything from where the caller is (a chat channel or workspace
   * outside {@code policy.channels.<platform>}); empty when it may. {@link #decide} applies it to
   * every request; presses that decide on someone else's request (Approve/Reject) ask it directly.
   */
  Optional<String> placeDenied(Caller caller);

  /** True when the container is in the user's scope; out-of-scope containers read as not found. */
  boolean inScope(BerthUser user, ContainerSummary container);

  /**
   * True when {@code run -v NAME:/path} may mount this existing named volume: by default when
   * every container using it is in the user's scope.
   */
  default boolean volumeInScope(BerthUser user, VolumeUsage volume) {
    return volume.usedBy().stream().allMatch(c -> inScope(user, c));
  }

  /** True when the user may confirm or cancel anyone's pending request ({@code policy.confirm.forOthers}). */
  boolean canConfirmForOthers(BerthUser user);

  /**
   * Why {@code image} may not be brought in by {@code action} ({@code policy.run.images}, of the user's context), for
   * images a command only learns while it runs (a compose file's); empty when allowed. The same rule {@link #decide}
   * applies to the images a request names.
   */
  Optional<String> imageRefusal(BerthUser user, String action, String image);

  /**
   * The {@code policy.terminals.unrecorded} rule that leaves an interactive session on {@code container} unrecorded,
   * as the words its audit record carries (the rule's name and the admin who set it); empty: recorded.
   */
  default java.util.Optional<String> unrecordedBy(io.berth.core.result.ContainerSummary container) {
    return java.util.Optional.empty();
  }
}
