package io.berth.core.language;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits command text into words the way a POSIX shell would for quoting only: 'single' quotes
 * are literal, "double" quotes honour \" and \\, a backslash outside quotes escapes the next
 * character. The one tokenizer (chat, CLI, console, forms) and the one quoter. Nothing is expanded or executed: there is no shell anywhere.
 */
public final class CommandTokenizer {
  private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9_./:@%+=,*-]+");

  /** One word and where it was in the text (for masking in place). */
  public record Token(String value, int start, int end) {}

  private CommandTokenizer() {}

  /** The words alone; throws {@link CommandSyntaxException} for an unterminated quote. */
  public static List<String> words(String text) {
    return split(text == null ? "" : text).stream().map(Token::value).toList();
  }

  /** Single-quotes a word when it holds anything but plain characters, so it splits back the same. */
  public static String quote(String word) {
    if (!word.isEmpty() && PLAIN.matcher(word).matches()) return word;
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Words joined into text that {@link #words} splits back into exactly these words. */
  public static String join(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(quote(w));
    }
    return sb.toString();
  }

  public static List<Token> split(String text) {
    List<Token> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(new Token(cur.toString(), start, i));
          cur.setLength(0);
          inWord = false;
        }
        i++;
        continue;
      }
      if (!inWord) {
        inWord = true;
        start = i;
      }
      if (c == '\'') {
        int close = text.indexOf('\'', i + 1);
        if (close < 0) throw unterminated(text, "single", '\'', i);
        cur.append(text, i + 1, close);
        i = close + 1;
      } else if (c == '"') {
        int j = i + 1;
        while (true) {
          if (j >= text.length()) throw unterminated(text, "double", '"', i);
          char d = text.charAt(j);
          if (d == '"') break;
          if (d == '\\' && j + 1 < text.length() && (text.charAt(j + 1) == '"' || text.charAt(j + 1) == '\\')) {
            cur.append(text.charAt(j + 1));
            j += 2;
          } else {
            cur.append(d);
            j++;
          }
        }
        i = j + 1;
      } else if (c == '\\' && i + 1 < text.length()) {
        cur.append(text.charAt(i + 1));
        i += 2;
      } else {
        cur.append(c);
        i++;
      }
    }
    if (inWord) out.add(new Token(cur.toString(), start, text.length()));
    return out;
  }

  private static CommandSyntaxException unterminated(String text, String kind, char quote, int at) {
    String first = text.strip().split("\\s+", 2)[0];
    String prefix = first.isEmpty() || first.indexOf(quote) >= 0 ? "" : first + ": ";
    String snippet = text.substring(at, Math.min(text.length(), at + 20));
    return new CommandSyntaxException(prefix + "unterminated " + kind + " quote at column " + (at + 1) + " (" + snippet
        + "); add the closing " + quote + " or remove the opening one");
  }
}
