package io.berth.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes durations the way people type them: {@code 90s}, {@code 2m}, {@code 1h30m}, {@code 500ms}. */
public final class DurationText {
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|[smhd]))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|[smhd])");

  private DurationText() {}

  /** True when the text has the form of a duration (it may still be too long to parse). */
  public static boolean matches(String text) {
    return text != null && WHOLE.matcher(text.strip().toLowerCase(java.util.Locale.ROOT)).matches();
  }

  /** Parses; throws {@link IllegalArgumentException} naming the accepted forms. */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
    if (!WHOLE.matcher(t).matches()) {
      throw new IllegalArgumentException("\"" + text + "\" is not a duration (use e.g. 45s, 10m, 1h30m, 2d)");
    }
    Duration d = Duration.ZERO;
    Matcher m = PART.matcher(t);
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        d = d.plus(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
    }
    return d;
  }

  /** The shortest exact form: {@code 5m}, {@code 90s}, {@code 1h30m}. */
  public static String format(Duration d) {
    if (d.isZero()) return "0s";
    StringBuilder sb = new StringBuilder();
    long days = d.toDays();
    if (days > 0) sb.append(days).append('d');
    if (d.toHoursPart() > 0) sb.append(d.toHoursPart()).append('h');
    if (d.toMinutesPart() > 0) sb.append(d.toMinutesPart()).append('m');
    if (d.toSecondsPart() > 0) sb.append(d.toSecondsPart()).append('s');
    if (d.toMillisPart() > 0) sb.append(d.toMillisPart()).append("ms");
    return sb.toString();
  }
}
