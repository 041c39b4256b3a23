package io.berth.core.language;

import io.berth.core.command.DockerRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A command's picocli definition: annotated fields are its flags and arguments; once parsed they
 * become one request. The same class generates the command's help. Values are read as text and
 * converted by {@link ArgumentReader}, so errors say what to fix.
 *
 * @param <R> the request it parses into
 */
public abstract class Grammar<R extends DockerRequest> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  /** The request the parsed fields describe; throws via {@code in.error(...)} with the fix. */
  public abstract R toRequest(ArgumentReader in);

  /** True for commands whose first positional ends the flags (the rest is the container's command). */
  public boolean stopsAtPositional() {
    return false;
  }

  /** The command's name, from its {@code @Command} annotation. */
  public static String nameOf(Class<?> grammar) {
    Command c = grammar.getAnnotation(Command.class);
    if (c == null) throw new IllegalStateException(grammar.getName() + " has no @Command");
    return c.name();
  }

  /** The command's one-line description, from its {@code @Command} annotation. */
  public static String descriptionOf(Class<?> grammar) {
    Command c = grammar.getAnnotation(Command.class);
    return c == null || c.description().length == 0 ? "" : c.description()[0];
  }

  /**
   * {@code run IMAGE -- CMD}: a {@code --} right after IMAGE/CONTAINER only separates, nobody wants
   * "--" as the program to start, so it is dropped (docker would pass it through and fail).
   */
  protected static List<String> withoutLeadingDashes(List<String> command) {
    return !command.isEmpty() && command.get(0).equals("--") ? command.subList(1, command.size()) : command;
  }
}
