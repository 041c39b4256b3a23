package io.berth.core.language;

import io.berth.core.config.DurationText;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The one parser for points in time ({@code --since}, {@code --until}, form fields), accepting what
 * docker accepts: a duration back from now ({@code 90s}, {@code 10m}, {@code 1h30m}), an RFC 3339
 * timestamp ({@code 2026-01-31T12:00:00Z}, {@code …+02:00}), a date-time without zone or a date
 * (read as UTC, the server's time), or unix seconds ({@code 1767225600}, {@code 1767225600.5}).
 */
public final class TimeText {
  private static final Pattern UNIX = Pattern.compile("\\d{1,12}(?:\\.\\d{1,9})?");
  private static final String FORMS =
      "use a duration (45s, 10m, 1h30m) or a timestamp (2026-01-31T12:00:00Z, 2026-01-31, unix seconds 1767225600)";

  private TimeText() {}

  /**
   * Null for null or blank; throws {@link IllegalArgumentException} naming {@code what} (e.g.
   * {@code --since}), the value and the accepted forms.
   */
  public static Instant parse(String what, String text, Clock clock) {
    if (text == null || text.isBlank()) return null;
    String t = text.strip();
    if (DurationText.matches(t)) {
      return clock.instant().minus(DurationText.parse(t));
    }
    if (UNIX.matcher(t).matches()) {
      BigDecimal s = new BigDecimal(t);
      return Instant.ofEpochSecond(s.longValue(), s.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException notZoned) {
      try {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notLocal) {
        try {
          return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDate) {
          throw new IllegalArgumentException("bad " + what + " \"" + text + "\"; " + FORMS);
        }
      }
    }
  }
}
