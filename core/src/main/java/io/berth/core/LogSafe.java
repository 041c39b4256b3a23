package io.berth.core;

/**
 * The one encoding for user-supplied text in the server log (login names, command text, chat user
 * ids, paths). A log line is a record the operator trusts; text someone else typed must not be
 * able to start a new line (a forged entry), rewrite the terminal or pass as our own words. So:
 * quoted, with backslash, quote, CR, LF, tab and every other control or invisible format
 * character escaped, and cut at a length that keeps one attempt to one line.
 */
public final class LogSafe {
  /** Longer text is cut: the log needs enough to recognise the value, not all of it. */
  static final int MAX_CHARS = 200;

  private LogSafe() {}

  /** {@code "text"} with escapes, or {@code null} (unquoted) for a missing value. */
  public static String quote(String text) {
    if (text == null) return "null";
    StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8).append('"');
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      if (n++ == MAX_CHARS) {
        b.append("\"…(").append(text.codePointCount(i, text.length())).append(" more)");
        return b.toString();
      }
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (unsafe(cp)) b.append(String.format("\\u{%X}", cp));
          else b.appendCodePoint(cp);
        }
      }
    }
    return b.append('"').toString();
  }

  /** Control characters (C0, DEL, C1), line/paragraph separators, bidi and other format characters. */
  private static boolean unsafe(int cp) {
    int type = Character.getType(cp);
    return Character.isISOControl(cp) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.SURROGATE;
  }
}
