package io.berth.core.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * docker's units (github.com/docker/go-units), so sizes and ages read exactly as docker prints
 * them: {@code HumanSizeWithPrecision} (SI: kB, MB; image sizes, NET/BLOCK I/O), {@code BytesSize}
 * (binary: KiB, MiB; memory in stats) and {@code HumanDuration} ("About a minute", "Up 2 hours").
 */
public final class DockerUnits {
  private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

  private DockerUnits() {}

  /** {@code units.HumanSizeWithPrecision(size, precision)}: SI units, Go's {@code %.<precision>g}. */
  public static String humanSize(double size, int precision) {
    return scaled(size, 1000.0, DECIMAL, precision);
  }

  /** {@code units.BytesSize(size)}: binary units, {@code %.4g}. */
  public static String bytesSize(double size) {
    return scaled(size, 1024.0, BINARY, 4);
  }

  private static String scaled(double size, double base, String[] units, int precision) {
    int i = 0;
    while (size >= base && i < units.length - 1) {
      size /= base;
      i++;
    }
    return goG(size, precision) + units[i];
  }

  /** Go's {@code %.<p>g}: p significant digits, trailing zeros dropped, exponent form when it is ≥ p. */
  static String goG(double v, int p) {
    if (v == 0) return "0";
    BigDecimal d = new BigDecimal(v).round(new MathContext(p, RoundingMode.HALF_EVEN));
    int exponent = d.precision() - d.scale() - 1;
    if (exponent < -4 || exponent >= p) {
      BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
      return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
    return d.stripTrailingZeros().toPlainString();
  }

  /** {@code units.HumanDuration}: what docker puts before "ago" and after "Up". */
  public static String humanDuration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 1) return "Less than a second";
    if (seconds == 1) return "1 second";
    if (seconds < 60) return seconds + " seconds";
    long minutes = d.toMinutes();
    if (minutes == 1) return "About a minute";
    if (minutes < 60) return minutes + " minutes";
    long hours = Math.round(d.toMillis() / 3_600_000.0); // int(d.Hours() + 0.5)
    if (hours == 1) return "About an hour";
    if (hours < 48) return hours + " hours";
    if (hours < 24 * 7 * 2) return hours / 24 + " days";
    if (hours < 24 * 30 * 2) return hours / 24 / 7 + " weeks";
    if (hours < 24 * 365 * 2) return hours / 24 / 30 + " months";
    return d.toHours() / 24 / 365 + " years";
  }
}
