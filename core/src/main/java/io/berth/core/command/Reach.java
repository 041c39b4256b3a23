package io.berth.core.command;

import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.VolumeUsage;
import io.berth.core.result.ContainerSummary;
import java.util.function.Predicate;

/**
 * The caller's scope, for a command to check what it reaches besides the containers it names
 * ({@link CommandSpec#reach}): a run joining another container's namespaces, or mounting a volume.
 *
 * @param user the caller's name, for the reason of a refusal
 */
public record Reach(String user, ContainerEngine engine, Predicate<ContainerSummary> inScope,
    Predicate<VolumeUsage> volumeInScope) {

  /**
   * The id of the container {@code ref} names, resolved among the caller's containers only (so an
   * ambiguous prefix never names others; one outside the scope reads as not found, as for {@code stop NAME}).
   */
  public String pin(String ref) {
    return engine.resolveContainer(ref, inScope).id();
  }

  /** True when the named volume exists and belongs to a container outside the caller's scope. */
  public boolean volumeOutside(String name) {
    return engine.volume(name).filter(usage -> !volumeInScope.test(usage)).isPresent();
  }

  /** The request reaches something outside the caller's scope: it is denied, with this reason. */
  public static final class Refused extends Exception {
    public Refused(String reason) {
      super(reason, null, false, false);
    }
  }
}
