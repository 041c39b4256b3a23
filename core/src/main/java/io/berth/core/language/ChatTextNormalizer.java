package io.berth.core.language;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes what chat clients do to typed commands: smart quotes, non-breaking and zero-width spaces,
 * HTML entities. Surfaces call it before submitting text; platform-specific decoding (Slack's
 * {@code <http://…|…>} links, mentions) stays in the adapters.
 */
public final class ChatTextNormalizer {
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);");
  private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
      "nbsp", " ");

  private ChatTextNormalizer() {}

  public static String normalize(String text) {
    if (text == null) return "";
    String s = decodeEntities(text);
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2033', '\uFF02' -> sb.append('"');
        case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\uFF07' -> sb.append('\'');
        case '\u00A0', '\u2007', '\u202F', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006',
            '\u2008', '\u2009', '\u200A', '\u3000' -> sb.append(' ');
        case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD' -> { } // zero-width: drop
        case '\u2013', '\u2014', '\u2212' -> sb.append(dashes(s, i));
        case '\r', '\n', '\t' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
    return sb.toString().strip();
  }

  /** Chat apps turn "--" into an en or em dash; at the start of a word it was a long flag. */
  private static String dashes(String s, int i) {
    boolean wordStart = i == 0 || Character.isWhitespace(s.charAt(i - 1)) || s.charAt(i - 1) == '\u00A0';
    return wordStart && s.charAt(i) != '\u2212' ? "--" : "-";
  }

  private static String decodeEntities(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String rep;
      if (e.startsWith("#x") || e.startsWith("#X")) rep = codePoint(Integer.parseInt(e.substring(2), 16), m.group());
      else if (e.startsWith("#")) rep = codePoint(Integer.parseInt(e.substring(1)), m.group());
      else rep = NAMED.get(e);
      m.appendReplacement(sb, Matcher.quoteReplacement(rep));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String codePoint(int cp, String original) {
    return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : original;
  }
}
