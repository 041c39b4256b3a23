package io.berth.core.language;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * docker's {@code --env-file}/{@code --label-file} format ({@code opts/file.go}): one
 * {@code KEY=VALUE} per line, leading whitespace dropped, blank lines and {@code #} comments
 * skipped, the value kept exactly as written (quotes included). One difference: docker reads a
 * bare {@code KEY} in an env file from the client's environment; Berth reads files on the server,
 * whose environment holds its own secrets, so a bare key there is refused. In a label file a bare
 * key is a label with an empty value, as in docker. Errors name the file and line, never a value.
 */
public final class KeyValueFile {
  private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private KeyValueFile() {}

  /** Each entry is {@code [KEY, VALUE]}; {@code env} applies the variable-name rule of {@code -e}. */
  public static List<List<String>> parse(String name, String text, boolean env) {
    List<List<String>> out = new ArrayList<>();
    String[] lines = text.split("\\r?\\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
      line = line.stripLeading();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String where = name + " line " + (i + 1) + ": ";
      int eq = line.indexOf('=');
      String key = eq < 0 ? line.stripTrailing() : line.substring(0, eq);
      if (key.isEmpty()) throw new IllegalArgumentException(where + "no variable name before =");
      if (key.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(where + "the name contains whitespace");
      }
      if (env && !isEnvName(key)) {
        throw new IllegalArgumentException(where + "bad variable name \"" + key
            + "\"; names are letters, digits and _ (starting with a letter or _)");
      }
      if (eq < 0 && env) {
        throw new IllegalArgumentException(where + key + " has no value; write " + key + "=VALUE (Berth reads env files "
            + "on the server and does not pass its own environment)");
      }
      out.add(List.of(key, eq < 0 ? "" : line.substring(eq + 1)));
    }
    return out;
  }

  /** The variable-name rule shared by {@code -e} and env files. */
  public static boolean isEnvName(String key) {
    return ENV_KEY.matcher(key).matches();
  }
}
