package io.berth.core.audit;

/**
 * Makes text safe to store and to print on a terminal: control characters (C0 including ESC, CR,
 * LF and TAB, DEL, C1) and the invisible direction/format marks that can reorder or hide text
 * (bidi overrides and isolates, LRM/RLM/ALM, line and paragraph separators) become {@code \}{@code uXXXX}.
 * Chat markup can decode to any of them ({@code &#27;}), so the core escapes every audit record it
 * builds, and every renderer of audit records escapes again for records written before that.
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  /** The text with each unsafe character as {@code \}{@code uXXXX}; null stays null. */
  public static String escape(String text) {
    if (text == null) return null;
    int i = 0;
    while (i < text.length() && !unsafe(text.charAt(i))) i++;
    if (i == text.length()) return text;
    StringBuilder sb = new StringBuilder(text.length() + 8).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (unsafe(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static boolean unsafe(char c) {
    return Character.getType(c) == Character.CONTROL
        || c == '\u061c' || c == '\u200e' || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
        || c == '\u2028' || c == '\u2029';
  }
}
