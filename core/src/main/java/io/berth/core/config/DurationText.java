package io.berth.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar: Go's {@code time.ParseDuration} (what docker's flags take:
 * {@code 30s}, {@code 1m30s}, {@code 1.5h}, {@code 500ms}, {@code 250us}, {@code 10ns}, a bare
 * {@code 0}) plus days ({@code 2d}), case-insensitive. Negative durations are refused: nothing in
 * Berth or docker's flags means one.
 */
public final class DurationText {
  private static final String NUMBER = "(?:\\d+(?:\\.\\d*)?|\\.\\d+)";
  private static final String UNIT = "(?:ns|us|µs|μs|ms|s|m|h|d)";
  private static final Pattern WHOLE = Pattern.compile("(?:" + NUMBER + UNIT + ")+");
  private static final Pattern PART = Pattern.compile("(" + NUMBER + ")(" + UNIT + ")");
  private static final String FORMS = "use e.g. 45s, 1m30s, 1.5h, 500ms, 2d";

  private DurationText() {}

  /**
   * True when the text has the form of a duration with units (it may still be too long to
   * parse). A bare {@code 0} is not one here: {@code --since 0} is unix time 0, as in docker.
   */
  public static boolean matches(String text) {
    return text != null && WHOLE.matcher(text.strip().toLowerCase(Locale.ROOT)).matches();
  }

  /** Parses; throws {@link IllegalArgumentException} naming the value and the accepted forms. */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("0")) return Duration.ZERO;
    if (!WHOLE.matcher(t).matches()) {
      throw new IllegalArgumentException("\"" + text + "\" is not a duration (" + FORMS + ")");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      BigDecimal n = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> 86_400_000_000_000L;
      };
      nanos = nanos.add(n.multiply(BigDecimal.valueOf(unit)));
    }
    try {
      return Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.DOWN).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
    }
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
    int subMilli = d.toNanosPart() % 1_000_000;
    if (subMilli > 0) sb.append(subMilli).append("ns");
    return sb.toString();
  }
}
