package io.berth.core.language;

import io.berth.core.command.ContextTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * docker's global option {@code --context NAME} ({@code -c NAME}, {@code --context=NAME}), before the command as
 * docker has it ({@code docker --context prod ps}; after the command, {@code -c} is a command's own flag, e.g.
 * {@code run -c} is cpu-shares). The one reader of it for every surface: chat, the command bar and the CLI.
 */
public final class ContextOption {
  /** The context named (null: none, the default applies) and the command text without the option. */
  public record Split(String context, String text) {}

  private ContextOption() {}

  public static Split split(String text) {
    List<CommandTokenizer.Token> tokens = CommandTokenizer.split(ChatTextNormalizer.normalize(text));
    List<String> words = new ArrayList<>(tokens.stream().map(CommandTokenizer.Token::value).toList());
    int at = !words.isEmpty() && words.get(0).equalsIgnoreCase("docker") ? 1 : 0;
    if (words.size() <= at) return new Split(null, text);
    String first = words.get(at);
    String context;
    int used;
    if (first.equals("--context") || first.equals("-c")) {
      if (words.size() <= at + 1) throw new CommandSyntaxException(first + " needs a context name (engine.endpoints[].name, or all)");
      context = words.get(at + 1);
      used = 2;
    } else if (first.startsWith("--context=")) {
      context = first.substring("--context=".length());
      used = 1;
    } else {
      return new Split(null, text);
    }
    if (!ContextTarget.CONTEXT_NAME.matcher(context).matches()) {
      throw new CommandSyntaxException("bad context \"" + context + "\"; a context name has letters, digits and _ . + - "
          + "(two or more, starting with a letter or digit)");
    }
    List<String> rest = new ArrayList<>(words.subList(0, at));
    rest.addAll(words.subList(at + used, words.size()));
    return new Split(context, CommandTokenizer.join(rest));
  }
}
