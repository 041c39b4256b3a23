package io.berth.core.command;

import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A core with a recording engine for command tests: {@code web} (team pay) and {@code db} (team ops)
 * running, {@code old} (team pay) exited; users vera (viewer), otto (operator), pam (operator, scope
 * team=pay), ada (admin), sam (admin, scope names pay-*).
 */
final class CommandFixture {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  final PicocliCommandLanguage language = new PicocliCommandLanguage(clock);
  final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "web", "running", Map.of("team", "pay"))
      .with("bbb222", "db", "running", Map.of("team", "ops"))
      .with("ccc333", "old", "exited", Map.of("team", "pay"));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final CommandService service = new CommandService(language, new ConfiguredPolicy(ConfigLoader.parse("""
      policy:
        users:
          vera: { role: viewer, slack: [U_V] }
          otto: { role: operator, slack: [U_O] }
          pam:  { role: operator, slack: [U_P], scope: { labels: { team: pay } } }
          ada:  { role: admin, slack: [U_A] }
          sam:  { role: admin, slack: [U_S], scope: { names: ["pay-*", "web"] } }
      """, Map.of()).policy()), audit, engine, CoreLimits.DEFAULTS, clock);

  static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  Outcome submit(String user, String text) {
    return service.submit(slack(user), text, ProgressListener.IGNORE);
  }

  /** Runs and, when the policy asks, confirms as the same user. */
  Outcome confirmed(String user, String text) {
    Outcome o = submit(user, text);
    if (o instanceof Outcome.ConfirmationRequired c) o = service.confirm(slack(user), c.token(), ProgressListener.IGNORE);
    return o;
  }

  String render(Outcome o) {
    return new PlainTextRenderer(clock).render(o);
  }
}
