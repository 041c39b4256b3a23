package io.berth.bot.chat;

/**
 * Command text as a chat message carries it, after the platform decoded its own markup once
 * (Slack: {@code SlackTextDecoder}): a command wrapped in a code span or block is unwrapped. The
 * typography chat apps add (smart quotes, dashes, odd spaces) is undone by the core's parser, once,
 * for every surface; nothing here decodes entities, so a typed {@code &lt;} stays {@code &lt;}.
 */
public final class ChatInput {
  private ChatInput() {}

  /** The command to submit; {@code help} when empty. */
  public static String command(String decoded) {
    String t = decoded == null ? "" : decoded.strip();
    if (t.startsWith("```") && t.endsWith("```") && t.length() >= 6) t = t.substring(3, t.length() - 3).strip();
    else if (t.startsWith("`") && t.endsWith("`") && t.length() >= 2) t = t.substring(1, t.length() - 1).strip();
    return t.isEmpty() ? "help" : t;
  }

  /** A free-text option (Discord's {@code /docker cmd text:}), unwrapped the same way; empty stays empty. */
  public static String part(String text) {
    String t = text == null ? "" : text.strip();
    return t.isEmpty() ? "" : command(t);
  }
}
