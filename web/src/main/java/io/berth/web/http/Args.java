package io.berth.web.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a form field such as an exec or run command into arguments: whitespace separates,
 * "double" and 'single' quotes group, backslash escapes. No shell ever sees the result.
 */
public final class Args {
  private Args() {}

  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) return out;
    StringBuilder cur = new StringBuilder();
    boolean inArg = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
        else if (c == '\\' && quote == '"' && i + 1 < text.length()) cur.append(text.charAt(++i));
        else cur.append(c);
      } else if (c == '"' || c == '\'') {
        quote = c;
        inArg = true;
      } else if (c == '\\' && i + 1 < text.length()) {
        cur.append(text.charAt(++i));
        inArg = true;
      } else if (Character.isWhitespace(c)) {
        if (inArg) {
          out.add(cur.toString());
          cur.setLength(0);
          inArg = false;
        }
      } else {
        cur.append(c);
        inArg = true;
      }
    }
    if (quote != 0) throw new IllegalArgumentException("unclosed " + quote + " quote");
    if (inArg) out.add(cur.toString());
    return out;
  }
}
