package io.berth.bot.discord;

import java.util.regex.Pattern;

/** Makes text unable to ping anyone: breaks {@code @everyone}, {@code @here} and {@code <@id>}-style mentions. */
final class MentionGuard {
  private static final char ZWSP = '\u200B';
  // <@123>, <@!123>, <@&123> (roles) and <#123> is harmless, so only user/role forms are broken.
  private static final Pattern TAG = Pattern.compile("<@([!&]?)(\\d+)>");
  private static final Pattern EVERYONE = Pattern.compile("@(everyone|here)", Pattern.CASE_INSENSITIVE);

  private MentionGuard() {}

  /** Inserts a zero-width space after each {@code @} of a mention; allowed_mentions=none is the second guard. */
  static String neutralize(String text) {
    if (text == null || text.indexOf('@') < 0) return text == null ? "" : text;
    String s = EVERYONE.matcher(text).replaceAll("@" + ZWSP + "$1");
    return TAG.matcher(s).replaceAll("<@" + ZWSP + "$1$2>");
  }
}
