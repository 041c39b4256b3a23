package io.berth.core.language;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker's grammars for resource amounts: {@code RAMInBytes} (go-units: {@code 512m}, {@code 1g},
 * {@code 1.5g}, {@code 64MB}, binary multiples whatever the spelling) for {@code --memory} and
 * {@code --memory-swap}, and {@code opts.NanoCPUs} for {@code --cpus} (a decimal number of CPUs,
 * at most nine decimals).
 */
public final class SizeText {
  private static final Pattern RAM = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DECIMAL = Pattern.compile("\\d+(?:\\.\\d*)?|\\.\\d+");
  private static final BigDecimal NANO = BigDecimal.valueOf(1_000_000_000L);
  /** More CPUs than any machine has: keeps the value far inside a long of nanoseconds. */
  private static final BigDecimal MAX_CPUS = BigDecimal.valueOf(65_536);

  private SizeText() {}

  /** Bytes; throws {@link IllegalArgumentException} naming the value and the accepted forms. */
  public static long ramInBytes(String text) {
    String t = text == null ? "" : text.strip();
    Matcher m = RAM.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid size \"" + t + "\"; use a number of bytes with an optional unit b, k, m, g, t "
          + "(e.g. 512m, 1g, 1.5g)");
    }
    int shift = m.group(2) == null ? 0 : 10 * ("kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1);
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(2).pow(shift));
    try {
      return bytes.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("invalid size \"" + t + "\"; too large");
    }
  }

  /** {@code --cpus} as the engine's NanoCpus; throws naming the value and the accepted forms. */
  public static long nanoCpus(String text) {
    String t = text == null ? "" : text.strip();
    if (!DECIMAL.matcher(t).matches()) {
      throw new IllegalArgumentException("invalid --cpus \"" + t + "\"; use a decimal number of CPUs, e.g. 0.5 or 2");
    }
    BigDecimal cpus = new BigDecimal(t.endsWith(".") ? t + "0" : t);
    if (cpus.signum() <= 0 || cpus.compareTo(MAX_CPUS) > 0) {
      throw new IllegalArgumentException("invalid --cpus \"" + t + "\"; it must be more than 0 (e.g. 0.5 or 2)");
    }
    BigDecimal nano = cpus.multiply(NANO);
    if (nano.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("invalid --cpus \"" + t + "\"; value is too precise (at most 9 decimals)");
    }
    return nano.longValueExact();
  }
}
