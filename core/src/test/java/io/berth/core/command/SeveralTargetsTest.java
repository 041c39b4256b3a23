package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.Result;
import io.berth.core.service.CommandService;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docker's semantics for several targets: every target is tried in order, each success echoed as
 * given, each failure one error line, the command failed when any failed; scope and confirmation
 * hold for every target.
 */
class SeveralTargetsTest {
  // the shared command fixture: web/db/old on a recording engine; otto, ada and pam as here
  final CommandFixture f = new CommandFixture();
  final Clock clock = f.clock;
  final PicocliCommandLanguage language = f.language;
  final RecordingContainerEngine engine = f.engine;
  final InMemoryAuditTrail audit = f.audit;
  final CommandService service = f.service;
  final PlainTextRenderer text = new PlainTextRenderer(clock);

  static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  Result succeeded(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    return ((Outcome.Succeeded) o).result();
  }

  @Test
  void parsesSeveralTargetsForEveryContainerCommand() {
    assertThat(language.parse("start web db")).isEqualTo(new Start(List.of("web", "db"), null));
    assertThat(language.parse("stop -t 0 web db")).isEqualTo(new Stop(List.of("web", "db"), 0, null));
    assertThat(language.parse("restart web db")).isEqualTo(new Restart(List.of("web", "db"), null, null));
    assertThat(language.parse("rm -f web db")).isEqualTo(new Rm(List.of("web", "db"), true, false, null));
    assertThat(language.parse("rmi a:1 b:2")).isEqualTo(new Rmi(List.of("a:1", "b:2"), false));
    for (String t : List.of("start web db", "stop -t 3 web db", "restart web db", "rm -f -v web db", "rmi -f a:1 b:2")) {
      assertThat(language.describe(language.parse(t))).isEqualTo(t);
    }
  }

  @Test
  void everyTargetIsTriedAndEachFailureIsAnErrorLine() {
    Result r = succeeded(service.submit(slack("U_O"), "stop web missing db", ProgressListener.IGNORE));

    assertThat(engine.mutatingCalls()).containsExactly("stop aaa111", "stop bbb222");
    assertThat(text.render(r)).isEqualTo("web\ndb\n");
    assertThat(r.errors()).containsExactly("Error response from daemon: No such container: missing");
    assertThat(r.failed()).isTrue();
    assertThat(audit.entries()).extracting(AuditEntry::outcome).containsExactly(AuditOutcome.REQUESTED, AuditOutcome.FAILED);
    assertThat(audit.entries().get(1).message()).contains("partly failed").contains("No such container: missing");
    assertThat(audit.entries().get(0).target()).isEqualTo("web missing db");
  }

  @Test
  void successesAreEchoedAsGivenLikeDocker() {
    Result r = succeeded(service.submit(slack("U_O"), "restart aaa1 db", ProgressListener.IGNORE));
    assertThat(text.render(r)).isEqualTo("aaa1\ndb\n");
    assertThat(r.errors()).isEmpty();
    assertThat(text.render(succeeded(service.submit(slack("U_O"), "start aaa1", ProgressListener.IGNORE)))).isEqualTo("aaa1\n");
  }

  @Test
  void aSingleMissingTargetFailsAsBefore() {
    assertThat(service.submit(slack("U_O"), "stop missing", ProgressListener.IGNORE))
        .isInstanceOfSatisfying(Outcome.Failed.class, f -> {
          assertThat(f.kind()).isEqualTo(Failure.NOT_FOUND);
          assertThat(f.message()).isEqualTo("No such container: missing");
        });
    assertThat(service.submit(slack("U_O"), "start missing other", ProgressListener.IGNORE))
        .isInstanceOfSatisfying(Outcome.Failed.class, f ->
            assertThat(f.message()).isEqualTo("No such container: missing\nNo such container: other"));
    assertThat(engine.mutatingCalls()).isEmpty();
  }

  @Test
  void startNamesTheContainersItCouldNotStart() {
    Result r = succeeded(service.submit(slack("U_O"), "start old gone", ProgressListener.IGNORE));
    assertThat(r.errors()).containsExactly("Error response from daemon: No such container: gone",
        "Error: failed to start containers: gone");
  }

  @Test
  void aContainerOutsideTheScopeFailsAloneAsNotFound() {
    Result r = succeeded(service.submit(slack("U_P"), "kill web db", ProgressListener.IGNORE));
    assertThat(engine.mutatingCalls()).containsExactly("kill aaa111 SIGKILL");
    assertThat(text.render(r)).isEqualTo("web\n");
    assertThat(r.errors()).containsExactly("Error response from daemon: No such container: db");
  }

  @Test
  void rmForceOfAMissingContainerSaysSoButDoesNotFail() {
    Outcome asked = service.submit(slack("U_A"), "rm -f old missing", ProgressListener.IGNORE);
    assertThat(asked).isInstanceOfSatisfying(Outcome.ConfirmationRequired.class,
        c -> assertThat(c.prompt()).startsWith("This will remove container old, killing it if it is running."));
    Result r = succeeded(service.confirm(slack("U_A"), ((Outcome.ConfirmationRequired) asked).token(), ProgressListener.IGNORE));
    assertThat(text.render(r)).isEqualTo("old\n");
    assertThat(r.errors()).containsExactly("Error response from daemon: No such container: missing");
    assertThat(r.failed()).isFalse();

    Result alone = succeeded(service.submit(slack("U_A"), "rm -f missing", ProgressListener.IGNORE));
    assertThat(alone.errors()).containsExactly("Error response from daemon: No such container: missing");
    assertThat(alone.failed()).isFalse();
    assertThat(engine.mutatingCalls()).containsExactly("remove ccc333 force=true");
  }

  @Test
  void oneConfirmationNamesEveryTarget() {
    Outcome o = service.submit(slack("U_A"), "rm web db", ProgressListener.IGNORE);
    assertThat(o).isInstanceOfSatisfying(Outcome.ConfirmationRequired.class,
        c -> assertThat(c.prompt()).isEqualTo("This will remove container web, db. Confirm to go ahead."));
    assertThat(engine.mutatingCalls()).isEmpty();
  }

  @Test
  void rmiTriesEveryImage() {
    Outcome asked = service.submit(slack("U_A"), "rmi a:1 b:2", ProgressListener.IGNORE);
    Result r = succeeded(service.confirm(slack("U_A"), ((Outcome.ConfirmationRequired) asked).token(), ProgressListener.IGNORE));
    assertThat(engine.calls()).contains("rmi a:1", "rmi b:2");
    assertThat(r.errors()).isEmpty();
  }
}
