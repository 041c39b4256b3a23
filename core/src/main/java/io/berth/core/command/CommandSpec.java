package io.berth.core.command;

import io.berth.core.language.Grammar;
import io.berth.core.result.Result;
import java.util.List;

/**
 * Everything Berth knows about one command, in one place: its grammar, its permission class, what
 * it targets, how it executes and how it reads back as text. Implemented once per request type and
 * registered in {@link DockerRequest.Registry}; the compiler makes every command declare every part.
 *
 * @param <R> the request this command parses into
 */
public interface CommandSpec<R extends DockerRequest> {

  /** The request type; the catalog maps each sealed request type to exactly one spec. */
  Class<R> type();

  /** A fresh picocli definition (picocli fills its fields, so one per parse); its {@code @Command} names the command. */
  Grammar<R> grammar();

  Permission permission();

  /** A representative request, to ask the policy whether a surface may offer the command at all. */
  R probe();

  /** Engine calls with docker CLI semantics; runs only after the core authorized and audited the request. */
  Result execute(R request, Execution x);

  /** The words after the command name: canonical docker text that parses back the same, secrets masked. */
  void describe(R request, Words words);

  /**
   * The containers the request names, every one of them resolved and scope-checked before it runs
   * (an out-of-scope container reads as not found).
   */
  default List<String> containers(R request) {
    return List.of();
  }

  /**
   * True when the command acts on each named container on its own, as docker does with several
   * targets: one that does not resolve (or is out of scope) is pinned as {@link Targets#missing}
   * and fails alone, instead of failing the request before anything runs.
   */
  default boolean eachTarget() {
    return false;
  }

  /**
   * Containers the request reaches without naming them as its targets (a run's {@code --network
   * container:X}): each is named in the audit target after the resolved targets.
   */
  default List<String> reaches(R request) {
    return List.of();
  }

  /**
   * Checks what the request reaches besides its named containers against the caller's scope, once
   * the policy allowed it, and returns it with those pinned by id (so a rename between check and run
   * cannot redirect it). An engine failure (not found) throws {@link io.berth.core.engine.EngineException}.
   *
   * @throws Reach.Refused when it reaches something outside the caller's scope (the request is denied)
   */
  default R reach(R request, Reach scope) throws Reach.Refused {
    return request;
  }

  /** The same request naming its containers by their resolved ids (same order as {@link #containers}). */
  default R pin(R request, List<String> ids) {
    return request;
  }

  /**
   * The images the command brings onto the host or makes (run, pull, each build -t): the policy's image
   * allowlist ({@code policy.run.images}) applies to each. Empty for commands that bring in no image.
   */
  default List<String> images(R request) {
    return List.of();
  }

  /** What it acts on, for the audit trail and prompts: container(s), image or tag; empty for lists. */
  default String target(R request) {
    return String.join(" ", containers(request));
  }

  /** One sentence for a confirmation prompt; {@code target} is the resolved name. */
  default String consequence(R request, String target) {
    return "This will run " + Catalog.nameOf(this) + (target.isEmpty() ? "" : " on " + target) + ".";
  }

  /**
   * True when the command's progress lines are its output as docker prints it (build's step log):
   * the CLI prints them on stdout as they come and does not print the result again.
   */
  default boolean progressIsOutput(R request) {
    return false;
  }

  /**
   * True when, on a surface that {@linkplain io.berth.core.result.ProgressListener#follows follows}, the
   * command runs until the caller stops it (events without --until): the CLI stops it on Ctrl-C by
   * interrupting it, and it ends as a success with what streamed.
   */
  default boolean followsOnTerminal(R request) {
    return false;
  }

  /**
   * False for a command that asks no engine anything (the audit, help): its records name no context
   * in the audit's context column, whichever context was current.
   */
  default boolean runsOnEngine() {
    return true;
  }

  /** True when the default configuration asks for a second, explicit confirmation. */
  default boolean confirmByDefault() {
    return false;
  }
}
