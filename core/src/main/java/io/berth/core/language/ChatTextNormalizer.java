package io.berth.core.language;


/**
 * Undoes what chat clients do to typed commands: smart quotes, dashes, non-breaking and zero-width
 * spaces. The parser applies it once for every surface. It does not decode HTML entities: a
 * platform that encodes its messages (Slack's {@code &amp; &lt; &gt;}, {@code <http://…|…>} links,
 * mentions) decodes them once in its adapter, so a typed {@code &lt;} reaches the parser as typed.
 */
public final class ChatTextNormalizer {

  private ChatTextNormalizer() {}

  public static String normalize(String text) {
    if (text == null) return "";
    String s = text;
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
}
