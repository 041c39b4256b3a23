package io.berth.web.audit;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.command.ContextTarget;
import io.berth.core.model.Source;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import io.berth.core.language.TimeText;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * The audit page's filter fields as typed (kept for re-rendering the form) and as the core's
 * {@link AuditFilter}. Times are UTC, as {@code datetime-local} gives them or ISO instants.
 */
public record AuditForm(String user, String source, String action, String target, String context, String outcome,
    String from, String to, String text) {
  public AuditForm {
    user = clean(user);
    source = clean(source);
    action = clean(action);
    target = clean(target);
    context = clean(context);
    outcome = clean(outcome);
    from = clean(from);
    to = clean(to);
    text = clean(text);
  }

  public AuditFilter filter(Long before) {
    return new AuditFilter(blankToNull(user), source.isEmpty() ? null : Source.of(source),
        blankToNull(action), blankToNull(target), outcome.isEmpty() ? null : AuditOutcome.fromId(outcome), time(from),
        time(to), blankToNull(text), before).inContext(blankToNull(context));
  }

  /** Throws IllegalArgumentException naming the bad field. */
  public void validate() {
    if (!source.isEmpty()) {
      try {
        Source.of(source);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("source: one of slack, discord, web, cli");
      }
    }
    if (!outcome.isEmpty()) {
      try {
        AuditOutcome.fromId(outcome);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("outcome: unknown \"" + outcome + "\" (known: "
            + String.join(", ", AuditOutcome.ids()) + ")");
      }
    }
    if (!context.isEmpty() && !ContextTarget.CONTEXT_NAME.matcher(context).matches()) {
      // any context name, not only the configured ones: an endpoint removed since still has its records
      throw new IllegalArgumentException("context: \"" + context + "\" is not a context name (letters, digits and _ . + -)");
    }
    time(from);
    time(to);
  }

  public String query() {
    return "user=" + enc(user) + "&source=" + enc(source) + "&action=" + enc(action) + "&target=" + enc(target)
        + "&context=" + enc(context) + "&outcome=" + enc(outcome) + "&from=" + enc(from) + "&to=" + enc(to) + "&text=" + enc(text);
  }

  /** A time field: what datetime-local sends (UTC), or anything {@link TimeText} reads (10m, RFC 3339, unix). */
  static Instant time(String s) {
    return TimeText.parse("time", s, Clock.systemUTC());
  }

  private static String clean(String s) {
    return s == null ? "" : s.strip();
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
