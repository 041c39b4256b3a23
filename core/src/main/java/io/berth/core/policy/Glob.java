package io.berth.core.policy;

import java.util.regex.Pattern;

/** Shell-style patterns for names and images: {@code *} any run of characters, {@code ?} one. */
final class Glob {
  private Glob() {}

  static boolean matches(String pattern, String text) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') re.append(".*");
      else if (c == '?') re.append('.');
      else re.append(Pattern.quote(String.valueOf(c)));
    }
    return Pattern.matches(re.toString(), text);
  }
}
