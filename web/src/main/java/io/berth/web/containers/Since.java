package io.berth.web.containers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the logs form's "since": a duration ({@code 90s}, {@code 10m}, {@code 2h}) or a timestamp. */
final class Since {
  private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

  private Since() {}

  static Instant parse(String text, Clock clock) {
    if (text == null || text.isBlank()) return null;
    String t = text.strip();
    Matcher m = DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      return clock.instant().minus(d);
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException("since: use a duration like 10m or 2h, or a time like 2026-11-28T03:12:00Z");
      }
    }
  }
}
