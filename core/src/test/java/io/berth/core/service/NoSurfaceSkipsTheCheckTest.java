package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.command.Ps;
import io.berth.core.command.Rm;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The core refuses an unauthorised request even when it is called directly, as a button, form or
 * autocomplete handler would: nothing reaches the engine and the denial is audited with its reason.
 */
class NoSurfaceSkipsTheCheckTest {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "web", "running", Map.of("team", "pay"))
      .with("bbb222", "secret-db", "running", Map.of("team", "ops"));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final ConfiguredPolicy policy = new ConfiguredPolicy(ConfigLoader.parse("""
      policy:
        users:
          vera: { role: viewer, slack: [U_V] }
          otto: { role: operator, slack: [U_O] }
          ada:  { role: admin, slack: [U_A] }
          pam:  { role: operator, slack: [U_P], scope: { labels: { team: pay } } }
          sid:  { role: admin, slack: [U_S], scope: { labels: { team: pay } } }
          boss: { role: boss, slack: [U_B], scope: { labels: { team: pay } } }
        roles: { boss: [ps, rm] }
        channels: { slack: [C_OK] }
        confirm: { forOthers: [boss] }
      """, Map.of()).policy());
  final CommandService service = new CommandService(new PicocliCommandLanguage(clock), policy, audit, engine,
      CoreLimits.DEFAULTS, clock);

  static Caller slack(String user, String channel) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", channel));
  }

  private AuditEntry onlyAuditEntry() {
    assertThat(audit.entries()).hasSize(1);
    return audit.entries().get(0);
  }

  @Test
  void viewerCallingRmDirectlyIsDeniedNothingRunsAndTheDenialIsAudited() {
    Outcome o = service.execute(slack("U_V", "C_OK"), new Rm("web", true, false), null, ProgressListener.IGNORE);

    assertThat(o).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("vera has role viewer, which may not run rm; that needs role admin"));
    assertThat(engine.calls()).isEmpty();
    AuditEntry e = onlyAuditEntry();
    assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(e.berthUser()).isEqualTo("vera");
    assertThat(e.action()).isEqualTo("rm");
    assertThat(e.target()).isEqualTo("web");
    assertThat(e.commandText()).isEqualTo("rm -f web");
    assertThat(e.message()).contains("may not run rm");
  }

  @Test
  void adminInANonAllowlistedChannelIsDeniedNothingRunsAndTheDenialIsAudited() {
    Outcome o = service.execute(slack("U_A", "C_RANDOM"), new Rm("web", true, false), null, ProgressListener.IGNORE);

    assertThat(o).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("slack channel C_RANDOM"));
    assertThat(engine.calls()).isEmpty();
    AuditEntry e = onlyAuditEntry();
    assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(e.location()).isEqualTo("T1/C_RANDOM");
    assertThat(e.message()).contains("policy.channels.slack");
  }

  @Test
  void typedTextTakesTheSamePath() {
    Outcome o = service.submit(slack("U_O", "C_OK"), "rm -f web", ProgressListener.IGNORE);
    assertThat(o).isInstanceOf(Outcome.Denied.class);
    assertThat(engine.calls()).isEmpty();
    assertThat(onlyAuditEntry().outcome()).isEqualTo(AuditOutcome.DENIED);
  }

  @Test
  void unknownIdentityIsDeniedWithTheEnrollmentHintAndAudited() {
    Outcome o = service.execute(slack("U_STRANGER", "C_OK"), Ps.running(), null, ProgressListener.IGNORE);
    assertThat(o).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("add \"U_STRANGER\" to policy.users.<name>.identities.slack"));
    assertThat(engine.calls()).isEmpty();
    AuditEntry e = onlyAuditEntry();
    assertThat(e.berthUser()).isNull();
    assertThat(e.platformUserId()).isEqualTo("U_STRANGER");
  }

  @Test
  void malformedTextIsAuditedAsInvalidWithTheEnvMasked() {
    Outcome o = service.submit(slack("U_A", "C_OK"), "run -e PW=hunter2 --nmae x img", ProgressListener.IGNORE);
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(Failure.USAGE);
      assertThat(f.message()).contains("did you mean --name?");
    });
    assertThat(onlyAuditEntry().commandText()).doesNotContain("hunter2").contains("PW=***");
  }

  @Test
  void destructiveRequestWaitsForConfirmationByTheRequesterOnly() {
    Outcome first = service.execute(slack("U_O", "C_OK"), new io.berth.core.command.Stop("web", null), null,
        ProgressListener.IGNORE);
    assertThat(first).isInstanceOf(Outcome.Succeeded.class); // operator, stop: no confirmation

    Outcome pending = service.execute(slack("U_A", "C_OK"), new Rm("web", true, false), null, ProgressListener.IGNORE);
    assertThat(pending).isInstanceOf(Outcome.ConfirmationRequired.class);
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("remove"));
    String token = ((Outcome.ConfirmationRequired) pending).token();

    Outcome byOperator = service.confirm(slack("U_O", "C_OK"), token, ProgressListener.IGNORE);
    assertThat(byOperator).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("Only ada, who asked for it, can confirm this"));
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("remove"));

    Outcome done = service.confirm(slack("U_A", "C_OK"), token, ProgressListener.IGNORE);
    assertThat(done).isInstanceOf(Outcome.Succeeded.class);
    assertThat(engine.calls()).contains("remove aaa111 force=true");

    Outcome again = service.confirm(slack("U_A", "C_OK"), token, ProgressListener.IGNORE);
    assertThat(again).isInstanceOf(Outcome.Failed.class);
    assertThat(engine.calls().stream().filter(c -> c.startsWith("remove"))).hasSize(1);
    assertThat(audit.entries()).extracting(AuditEntry::outcome).contains(AuditOutcome.CONFIRMATION_REQUIRED,
        AuditOutcome.SUCCEEDED, AuditOutcome.DENIED);
  }

  @Test
  void aConfirmedRunIsRecordedUnderTheRequestItConfirmsAndListedAsOneCommand() {
    Outcome asked = service.submit(slack("U_A", "C_OK"), "rm -f web", ProgressListener.IGNORE);
    String id = ((Outcome.ConfirmationRequired) asked).requestId();

    Outcome done = service.confirm(slack("U_A", "C_OK"), ((Outcome.ConfirmationRequired) asked).token(),
        ProgressListener.IGNORE);

    assertThat(done.requestId()).isEqualTo(id);
    assertThat(audit.entries().stream().filter(e -> e.requestId().equals(id))).extracting(AuditEntry::outcome)
        .containsExactly(AuditOutcome.CONFIRMATION_REQUIRED, AuditOutcome.REQUESTED, AuditOutcome.SUCCEEDED);
    Outcome page = service.submit(slack("U_A", "C_OK"), "audit --action rm", ProgressListener.IGNORE);
    assertThat(commands(page)).singleElement().satisfies(c -> {
      assertThat(c.requestId()).isEqualTo(id);
      assertThat(c.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
      assertThat(c.steps()).hasSize(3);
      assertThat(c.request().commandText()).isEqualTo("rm -f web");
    });
  }

  @Test
  void confirmingFromANonAllowlistedChannelIsDenied() {
    Outcome pending = service.execute(slack("U_A", "C_OK"), new Rm("web", true, false), null, ProgressListener.IGNORE);
    String token = ((Outcome.ConfirmationRequired) pending).token();
    Outcome o = service.confirm(slack("U_A", "C_ELSEWHERE"), token, ProgressListener.IGNORE);
    assertThat(o).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("does not take commands in slack channel C_ELSEWHERE"));
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("remove"));

    // The refused press did not burn the token: the requester can still confirm from an allowed channel.
    assertThat(service.confirm(slack("U_A", "C_OK"), token, ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(engine.calls()).contains("remove aaa111 force=true");
  }

  @Test
  void anotherAdminCannotConfirmSomeoneElsesRequestAndTheTokenStaysWithTheRequester() {
    String token = ((Outcome.ConfirmationRequired) service.execute(slack("U_A", "C_OK"), new Rm("web", true, false), null,
        ProgressListener.IGNORE)).token();

    Outcome bySid = service.confirm(slack("U_S", "C_OK"), token, ProgressListener.IGNORE);

    assertThat(bySid).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(Failure.CONFIRMATION);
      assertThat(f.message()).contains("Only ada, who asked for it, can confirm this");
    });
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("remove"));
    assertThat(service.confirm(slack("U_A", "C_OK"), token, ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
  }

  @Test
  void aRoleThatConfirmsForOthersIsStillHeldToItsOwnScope() {
    String token = ((Outcome.ConfirmationRequired) service.execute(slack("U_A", "C_OK"), new Rm("secret-db", true, false),
        null, ProgressListener.IGNORE)).token();

    Outcome byBoss = service.confirm(slack("U_B", "C_OK"), token, ProgressListener.IGNORE);

    assertThat(byBoss).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("boss may not confirm this").doesNotContain("secret-db"));
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("remove"));
    assertThat(audit.entries()).anyMatch(e -> e.outcome() == AuditOutcome.DENIED && "boss".equals(e.berthUser()));
    // In scope, the same role may confirm for others.
    String inScope = ((Outcome.ConfirmationRequired) service.execute(slack("U_A", "C_OK"), new Rm("web", true, false),
        null, ProgressListener.IGNORE)).token();
    assertThat(service.confirm(slack("U_B", "C_OK"), inScope, ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    // The requester's out-of-scope token is still theirs.
    assertThat(service.confirm(slack("U_A", "C_OK"), token, ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(engine.calls()).contains("remove bbb222 force=true");
  }

  @Test
  void psShowsOnlyWhatIsInScopeAndOutOfScopeReadsAsNotFound() {
    Outcome ps = service.execute(slack("U_P", "C_OK"), new Ps(true, List.of()), null, ProgressListener.IGNORE);
    assertThat(ps).isInstanceOfSatisfying(Outcome.Succeeded.class, s -> assertThat(((ContainerList) s.result())
        .containers()).extracting(ContainerSummary::name).containsExactly("web"));

    Outcome stop = service.execute(slack("U_P", "C_OK"), new io.berth.core.command.Stop("secret-db", null), null,
        ProgressListener.IGNORE);
    assertThat(stop).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(Failure.NOT_FOUND);
      assertThat(f.message()).isEqualTo("No such container: secret-db");
    });
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("stop"));
  }

  @Test
  void cancellingAConfirmationIsAuditedAndLinkedToTheRequest() {
    Outcome asked = service.submit(slack("U_A", "C_OK"), "rm -f web", ProgressListener.IGNORE);
    assertThat(asked).isInstanceOf(Outcome.ConfirmationRequired.class);
    Outcome.ConfirmationRequired c = (Outcome.ConfirmationRequired) asked;

    Outcome cancelled = service.cancel(slack("U_A", "C_OK"), c.token());

    assertThat(cancelled).isInstanceOfSatisfying(Outcome.Cancelled.class, x -> {
      assertThat(x.cancelledRequestId()).isEqualTo(c.requestId());
      assertThat(x.commandText()).isEqualTo("rm -f web");
    });
    assertThat(engine.mutatingCalls()).isEmpty();
    // the cancel is a step of the command it cancels: the same request id
    assertThat(cancelled.requestId()).isEqualTo(c.requestId());
    List<AuditEntry> command = audit.entries().stream().filter(e -> e.requestId().equals(c.requestId())).toList();
    assertThat(command).extracting(AuditEntry::outcome)
        .containsExactly(AuditOutcome.CONFIRMATION_REQUIRED, AuditOutcome.REQUESTED, AuditOutcome.FAILED);
    assertThat(command.subList(1, 3)).allSatisfy(e -> {
      assertThat(e.action()).isEqualTo("cancel");
      assertThat(e.target()).isEqualTo("aaa111");
      assertThat(e.commandText()).isEqualTo("rm -f web");
    });
    assertThat(command.get(1).message()).isEqualTo("cancel of request " + c.requestId());
    assertThat(command.get(2).message()).startsWith("cancelled by ada");
  }

  @Test
  void auditListingsAndExportsShowAScopedUserNothingAboutContainersOutsideTheScope() {
    for (String name : List.of("web", "secret-db")) {
      service.submit(slack("U_A", "C_OK"), "inspect " + name, ProgressListener.IGNORE);
      service.submit(slack("U_A", "C_OK"), "stop " + name, ProgressListener.IGNORE);
    }
    service.submit(slack("U_A", "C_OK"), "audit --target secret-db", ProgressListener.IGNORE);

    Outcome pams = service.submit(slack("U_P", "C_OK"), "audit --limit 500", ProgressListener.IGNORE);
    Outcome adas = service.submit(slack("U_A", "C_OK"), "audit --limit 500", ProgressListener.IGNORE);

    assertThat(records(pams)).isNotEmpty().allSatisfy(e -> assertThat(e.toString()).doesNotContain("secret-db"));
    assertThat(records(pams)).anyMatch(e -> "web".equals(e.target()) && "ada".equals(e.berthUser()));
    assertThat(records(adas)).anyMatch(e -> "secret-db".equals(e.target()));

    java.io.StringWriter pamsExport = new java.io.StringWriter();
    service.exportAudit(slack("U_P", "C_OK"), io.berth.core.audit.AuditFilter.ALL, io.berth.core.audit.ExportFormat.CSV,
        pamsExport);
    java.io.StringWriter adasExport = new java.io.StringWriter();
    service.exportAudit(slack("U_A", "C_OK"), io.berth.core.audit.AuditFilter.ALL, io.berth.core.audit.ExportFormat.CSV,
        adasExport);
    assertThat(pamsExport.toString()).contains("web").doesNotContain("secret-db");
    assertThat(adasExport.toString()).contains("secret-db");
  }

  @Test
  void aScopedUsersAuditPagesReadPastHiddenRecords() {
    for (int i = 0; i < 30; i++) service.submit(slack("U_A", "C_OK"), "inspect secret-db", ProgressListener.IGNORE);
    service.submit(slack("U_A", "C_OK"), "inspect web", ProgressListener.IGNORE);
    for (int i = 0; i < 30; i++) service.submit(slack("U_A", "C_OK"), "inspect secret-db", ProgressListener.IGNORE);

    Outcome page = service.submit(slack("U_P", "C_OK"), "audit --limit 1 --action inspect", ProgressListener.IGNORE);

    assertThat(commands(page)).extracting(c -> c.request().target()).containsExactly("web");
  }

  /** Every record the page shows (each command's steps). */
  private static List<AuditEntry> records(Outcome o) {
    return commands(o).stream().flatMap(c -> c.steps().stream()).map(io.berth.core.audit.AuditRecord::entry).toList();
  }

  private static List<io.berth.core.audit.AuditedCommand> commands(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    return ((io.berth.core.result.AuditPage) ((Outcome.Succeeded) o).result()).commands();
  }
}
