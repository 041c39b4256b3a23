package io.berth.core.language;

/** Command text that cannot be parsed; the message names the command, the bad part and the fix. */
public final class CommandSyntaxException extends RuntimeException {
  public CommandSyntaxException(String message) {
    super(message);
  }
}
