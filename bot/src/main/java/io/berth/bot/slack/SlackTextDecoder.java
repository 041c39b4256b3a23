package io.berth.bot.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes Slack's message encoding so the command language sees what the person typed:
 * {@code <http://x|x>} links, {@code <@U1>} mentions, {@code <#C1|name>} channels and the
 * {@code &amp; &lt; &gt;} escapes.
 */
public final class SlackTextDecoder {
  private static final Pattern ANGLE = Pattern.compile("<([^<>]*)>");

  private SlackTextDecoder() {}

  /**
   * The command a slash command's text stands for: Slack's markup decoded exactly once, then the
   * shared chat unwrapping ({@link io.berth.bot.chat.ChatInput}). Nothing after this decodes again.
   */
  public static String command(String slackText) {
    return io.berth.bot.chat.ChatInput.command(decode(slackText));
  }

  public static String decode(String text) {
    if (text == null) return "";
    Matcher m = ANGLE.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(decodeToken(m.group(1))));
    }
    m.appendTail(sb);
    // Entities last: an escaped "&lt;" must not become a link.
    return sb.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String decodeToken(String inner) {
    int bar = inner.indexOf('|');
    String target = bar < 0 ? inner : inner.substring(0, bar);
    String label = bar < 0 ? null : inner.substring(bar + 1);
    if (target.startsWith("@")) return label != null ? "@" + stripAt(label) : target;
    if (target.startsWith("#")) return label != null ? "#" + label : target;
    if (target.startsWith("!")) {
      if (label != null) return label;
      String word = target.substring(1);
      return word.startsWith("subteam^") ? "@" + word.substring(8) : "@" + word;
    }
    if (label == null) return target;
    // Slack turns a typed "example.com" into <http://example.com|example.com>: keep what was typed.
    String bare = target.replaceFirst("^(https?://|mailto:)", "");
    return bare.equals(label) ? label : target;
  }

  private static String stripAt(String s) {
    return s.startsWith("@") ? s.substring(1) : s;
  }
}
