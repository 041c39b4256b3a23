package io.berth.bot.discord;

import io.berth.core.language.ChatTextNormalizer;

/**
 * Discord's part of undoing what chat clients do to typed commands: a command wrapped in a code
 * span or block; the shared {@link ChatTextNormalizer} does the rest (quotes, dashes, spaces).
 */
final class ChatText {
  private ChatText() {}

  static String normalize(String text) {
    String t = text == null ? "" : text.strip();
    if (t.startsWith("```") && t.endsWith("```") && t.length() >= 6) t = t.substring(3, t.length() - 3);
    else if (t.startsWith("`") && t.endsWith("`") && t.length() >= 2) t = t.substring(1, t.length() - 1);
    return ChatTextNormalizer.normalize(t);
  }
}
