package io.berth.app;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Re-joins arguments the shell already split into one command text, quoting where needed, so the
 * core's parser sees exactly the words the user typed. Nothing here is ever run by a shell.
 */
final class ShellWords {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private ShellWords() {}

  static String join(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(quote(w));
    }
    return sb.toString();
  }

  static String quote(String word) {
    if (!word.isEmpty() && PLAIN.matcher(word).matches()) return word;
    if (!word.contains("'")) return "'" + word + "'";
    return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
