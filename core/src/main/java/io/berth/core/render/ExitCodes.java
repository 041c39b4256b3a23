package io.berth.core.render;

import io.berth.core.command.Catalog;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Rm;
import io.berth.core.command.Run;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;

/**
 * The one mapping from how a command ended to the exit status of {@code ./berth docker}, as docker's CLI
 * exits: the container's (or exec'd process's) own code when it was waited for; for {@code run}, 125 when
 * docker or Berth failed, 126 when the command cannot be invoked and 127 when it was not found; for every
 * other command 1; and 125 for a bad flag whatever the command.
 */
public final class ExitCodes {
  public static final int OK = 0;
  /** Any failure of a command other than run (docker: "Error response from daemon: …"). */
  public static final int FAILED = 1;
  /** run failed before its container ran, or a flag was wrong (docker: the CLI or the daemon failed). */
  public static final int DOCKER_FAILED = 125;
  /** The container's command cannot be invoked (not executable, a directory). */
  public static final int CANNOT_INVOKE = 126;
  /** The container's command was not found. */
  public static final int COMMAND_NOT_FOUND = 127;

  private ExitCodes() {}

  /** The exit status for {@code request}'s outcome. */
  public static int of(DockerRequest request, Outcome outcome) {
    if (outcome instanceof Outcome.Succeeded s) return s.result() == null ? OK : s.result().exitStatus();
    if (outcome instanceof Outcome.ConfirmationRequired) return FAILED; // not confirmed: nothing was done
    if (outcome instanceof Outcome.Failed f) {
      if (f.status() != null) return f.status(); // docker's StatusError: a build step's code
      if (f.kind() == Failure.COMMAND_NOT_FOUND) return COMMAND_NOT_FOUND;
      if (f.kind() == Failure.CANNOT_INVOKE) return CANNOT_INVOKE;
      // docker rm -f: a container that is already gone is what was wanted (its error still goes to stderr)
      if (f.kind() == Failure.NOT_FOUND && request instanceof Rm rm && rm.force()) return OK;
      if (f.kind() == Failure.USAGE) return DOCKER_FAILED;
    }
    return failed(request); // Failed, Denied: the daemon refused, or Berth's policy did in its place
  }

  /** The exit status for text that did not parse. */
  public static int of(CommandSyntaxException e) {
    if (e.kind() == CommandSyntaxException.Kind.VALUE) return FAILED;
    if (e.kind() == CommandSyntaxException.Kind.FLAG || Catalog.nameOf(Run.SPEC).equals(e.command())) return DOCKER_FAILED;
    return FAILED;
  }

  private static int failed(DockerRequest request) {
    return request instanceof Run ? DOCKER_FAILED : FAILED;
  }
}
