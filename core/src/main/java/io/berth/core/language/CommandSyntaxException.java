package io.berth.core.language;

/**
 * Command text that cannot be parsed; the message names the command, the bad part and the fix. Its kind
 * tells a flag problem (docker exits 125) from a wrong command or argument (docker exits 1): see
 * {@code io.berth.core.render.ExitCodes}.
 */
public final class CommandSyntaxException extends RuntimeException {
  /**
   * What was wrong: a flag or a flag's value, or the command word or its arguments; or a {@code VALUE} that
   * docker's client reads only when the command runs (a time): docker prints its message alone and exits 1.
   */
  public enum Kind { FLAG, ARGUMENT, VALUE }

  private final Kind kind;
  private final String command;

  /** A wrong command word or argument, before any command was recognised. */
  public CommandSyntaxException(String message) {
    this(message, Kind.ARGUMENT, null);
  }

  /** @param command the command whose text is wrong (e.g. "run"), null when none was recognised */
  public CommandSyntaxException(String message, Kind kind, String command) {
    super(message);
    this.kind = kind;
    this.command = command;
  }

  public Kind kind() {
    return kind;
  }

  /** The command whose text is wrong, or null when the command word itself was not known. */
  public String command() {
    return command;
  }
}
