package io.berth.bot.discord;

/**
 * Undoes what Discord clients do to typed commands before the shared parser sees them: smart
 * quotes, long dashes for {@code --}, and code-span backticks around the command.
 */
final class ChatText {
  private ChatText() {}

  static String normalize(String text) {
    String t = text.strip();
    if (t.startsWith("```") && t.endsWith("```") && t.length() >= 6) t = t.substring(3, t.length() - 3).strip();
    else if (t.startsWith("`") && t.endsWith("`") && t.length() >= 2) t = t.substring(1, t.length() - 1).strip();
    return t.replace('\u201C', '"').replace('\u201D', '"').replace('\u201E', '"')
        .replace('\u2018', '\'').replace('\u2019', '\'')
        .replace("\u2014", "--").replace("\u2013", "--")
        .replace('\u00A0', ' ');
  }
}
