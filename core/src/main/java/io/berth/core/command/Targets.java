package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.result.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * docker's rule for a command that names several targets ({@code stop a b c}): every target is
 * tried, in order; each success is reported, each failure is one {@code Error …} line, and the
 * command fails (exit 1) when any target failed. The one loop every such command uses.
 *
 * <p>A container that does not resolve, or lies outside the caller's scope, is pinned as
 * {@link #missing}: it is never looked up again (so nothing the policy did not decide on can be
 * reached) and reads as "No such container", like a container that does not exist.
 */
public final class Targets {
  /** A NUL cannot occur in a container reference, so a pinned marker is never taken for one. */
  private static final String MISSING = "\u0000";

  private Targets() {}

  /** What a target that did not resolve in the caller's scope is pinned as. */
  public static String missing(String given) {
    return MISSING + given;
  }

  public static boolean isMissing(String pinned) {
    return pinned.startsWith(MISSING);
  }

  /** The words as typed for {@code pinned}: the original reference given for each position, else the pinned value. */
  static List<String> given(List<String> given, List<String> pinned) {
    return given == null || given.size() != pinned.size() ? List.copyOf(pinned) : List.copyOf(given);
  }

  /** One target that failed: what kind, and docker's line for it. */
  public record Error(Failure kind, String message) {
    public String line() {
      return "Error response from daemon: " + message;
    }
  }

  /** Runs {@code action(pinned, given)} for every target, in order; one failure never stops the rest. */
  static <T> Each<T> each(List<String> pinned, List<String> given, BiFunction<String, String, T> action) {
    List<T> done = new ArrayList<>();
    List<Error> errors = new ArrayList<>();
    for (int i = 0; i < pinned.size(); i++) {
      String id = pinned.get(i);
      String typed = i < given.size() ? given.get(i) : id;
      if (isMissing(id)) {
        errors.add(new Error(Failure.NOT_FOUND, "No such container: " + typed));
        continue;
      }
      try {
        done.add(action.apply(id, typed));
      } catch (EngineException e) {
        // the daemon echoes the reference it was sent ("Cannot kill container: ID: …"); docker's user sent what they typed
        String said = typed.equals(id) ? e.getMessage() : e.getMessage().replace("container: " + id + ":", "container: " + typed + ":");
        errors.add(new Error(e.kind(), said));
      }
    }
    return new Each<>(done, errors);
  }

  /**
   * The result of a command that changes containers: one target gives its own result (surfaces
   * show it as before), several give every success's line and every failure's error line.
   */
  static io.berth.core.result.Result changed(String action, int targets, Each<io.berth.core.result.ContainerChanged> each,
      Predicate<Error> harmless, List<String> trailer) {
    each.orThrow(harmless);
    if (targets == 1 && each.errors().isEmpty()) return each.done().get(0);
    List<String> errors = new ArrayList<>(each.errorLines());
    if (each.failed(harmless)) errors.addAll(trailer);
    return new io.berth.core.result.TargetsDone(action,
        each.done().stream().map(c -> c.given() == null ? c.name() : c.given()).toList(), errors, each.failed(harmless));
  }

  /** What {@link #each} did: the successes in order, the failures in order. */
  record Each<T>(List<T> done, List<Error> errors) {
    /** docker's stderr lines, one per failed target. */
    List<String> errorLines() {
      return errors.stream().map(Error::line).toList();
    }

    /** True when some failure counts (docker exits 1); {@code harmless} failures are printed only. */
    boolean failed(Predicate<Error> harmless) {
      return errors.stream().anyMatch(harmless.negate());
    }

    /**
     * Nothing succeeded and a failure counts: the command failed as a whole, as one failure of the
     * first target's kind (so a single missing target fails exactly as it always did).
     */
    Each<T> orThrow(Predicate<Error> harmless) {
      if (done.isEmpty() && failed(harmless)) {
        Error first = errors.stream().filter(harmless.negate()).findFirst().orElseThrow();
        throw new EngineException(first.kind(), String.join("\n", errors.stream().map(Error::message).toList()));
      }
      return this;
    }

    Each<T> orThrow() {
      return orThrow(e -> false);
    }
  }
}
