package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kill [-s SIGNAL] CONTAINER...}: docker's grammar, operator by default, every container in scope. */
class KillTest {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  final PicocliCommandLanguage language = new PicocliCommandLanguage(clock);
  final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "web", "running", Map.of("team", "pay"))
      .with("bbb222", "db", "running", Map.of("team", "ops"));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final CommandService service = new CommandService(language, new ConfiguredPolicy(ConfigLoader.parse("""
      policy:
        users:
          vera: { role: viewer, slack: [U_V] }
          otto: { role: operator, slack: [U_O] }
          pam:  { role: operator, slack: [U_P], scope: { labels: { team: pay } } }
      """, Map.of()).policy()), audit, engine, CoreLimits.DEFAULTS, clock);

  static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  @Test
  void parsesDockersGrammar() {
    assertThat(language.parse("kill web")).isEqualTo(new Kill("SIGKILL", List.of("web")));
    assertThat(language.parse("kill -s hup web db")).isEqualTo(new Kill("SIGHUP", List.of("web", "db")));
    assertThat(language.parse("docker kill --signal=SIGUSR1 web")).isEqualTo(new Kill("SIGUSR1", List.of("web")));
    assertThat(language.parse("kill -s 15 web")).isEqualTo(new Kill("15", List.of("web")));
    assertThat(language.parse("kill -s RTMIN+3 web")).isEqualTo(new Kill("SIGRTMIN+3", List.of("web")));
  }

  @Test
  void badInputIsRefusedWithTheFix() {
    assertThatThrownBy(() -> language.parse("kill -s BOGUS web")).isInstanceOf(CommandSyntaxException.class)
        .hasMessage("kill: bad signal \"BOGUS\"; use a name such as KILL, TERM, HUP, USR1 or a number 1..64");
    assertThatThrownBy(() -> language.parse("kill -s 0 web")).hasMessageContaining("bad signal \"0\"");
    assertThatThrownBy(() -> language.parse("kill")).hasMessageContaining("kill: missing CONTAINER");
  }

  @Test
  void describesAsTextThatParsesBack() {
    for (Kill k : List.of(new Kill(null, List.of("web")), new Kill("TERM", List.of("web", "db")))) {
      assertThat(language.parse(language.describe(k))).isEqualTo(k);
    }
    assertThat(language.describe(new Kill("term", List.of("web")))).isEqualTo("kill -s SIGTERM web");
    assertThat(language.help("kill")).contains("kill [-s SIGNAL] CONTAINER...");
    assertThat(language.help(null)).contains("  kill ");
  }

  @Test
  void operatorKillsEveryNamedContainerByIdAndItIsAudited() {
    Outcome o = service.submit(slack("U_O"), "kill -s TERM web db", ProgressListener.IGNORE);

    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    assertThat(new PlainTextRenderer(clock).render(o)).isEqualTo("web\ndb\n");
    assertThat(engine.mutatingCalls()).containsExactly("kill aaa111 SIGTERM", "kill bbb222 SIGTERM");
    assertThat(audit.entries()).extracting(AuditEntry::outcome)
        .containsExactly(AuditOutcome.REQUESTED, AuditOutcome.SUCCEEDED);
    assertThat(audit.entries()).allSatisfy(e -> {
      assertThat(e.action()).isEqualTo("kill");
      assertThat(e.target()).isEqualTo("web db");
    });
  }

  @Test
  void viewerMayNotKill() {
    Outcome o = service.submit(slack("U_V"), "kill web", ProgressListener.IGNORE);
    assertThat(o).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("may not run kill; that needs role operator"));
    assertThat(engine.mutatingCalls()).isEmpty();
  }

  @Test
  void aContainerOutsideTheScopeReadsAsNotFoundAndOnlyThatOneFails() {
    Outcome o = service.submit(slack("U_P"), "kill web db", ProgressListener.IGNORE);
    assertThat(o).isInstanceOfSatisfying(Outcome.Succeeded.class, s -> {
      assertThat(s.result().errors()).containsExactly("Error response from daemon: No such container: db");
      assertThat(s.result().failed()).isTrue();
    });
    assertThat(engine.mutatingCalls()).containsExactly("kill aaa111 SIGKILL");
  }

  @Test
  void noContainerInScopeFailsAsNotFoundAndNothingIsKilled() {
    Outcome o = service.submit(slack("U_P"), "kill db", ProgressListener.IGNORE);
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(Failure.NOT_FOUND);
      assertThat(f.message()).isEqualTo("No such container: db");
    });
    assertThat(engine.mutatingCalls()).isEmpty();
  }
}
