package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditVerifier;
import io.berth.core.audit.Recordings;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.result.Outcome;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.core.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive sessions in the core: authorized like exec (role, scope, confirmation, run guards on -u), recorded,
 * audited as one attempt whose closing record carries the numbers, the typed text and the recording's hash (which
 * verify checks); a policy rule set by an admin leaves a session unrecorded, and says so in the audit.
 */
class TerminalsTest {
  final TestClock clock = TestClock.at("2026-11-30T12:00:00Z");
  final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "web", "running", Map.of("env", "prod"))
      .with("bbb222", "lab", "running", Map.of("env", "lab"));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  @TempDir Path dir;

  CommandService service(String extraPolicy) {
    ConfiguredPolicy policy = new ConfiguredPolicy(ConfigLoader.parse("""
        policy:
          users:
            ada: { role: admin, identities: { slack: [U_A] } }
            otto: { role: operator, identities: { slack: [U_O] } }
            vic: { role: viewer, identities: { slack: [U_V] } }
            sam: { role: admin, identities: { slack: [U_S] }, scope: { labels: { env: lab } } }
          confirm: { commands: [] }
        """ + extraPolicy, Map.of()).policy());
    return new CommandService(new PicocliCommandLanguage(clock), policy, audit, engine, CoreLimits.DEFAULTS, clock,
        new io.berth.core.approval.InMemoryApprovalStore(clock), new Recordings(dir.resolve("recordings"), 1 << 20));
  }

  static Caller slack(String id) {
    return new Caller(Source.of("slack"), id, id, Location.channel("T1", "C1"));
  }

  final ByteArrayOutputStream shown = new ByteArrayOutputStream();

  void show(byte[] b) {
    synchronized (shown) {
      shown.writeBytes(b);
    }
  }

  List<AuditEntry> records(String id) {
    return audit.entries().stream().filter(e -> e.requestId().equals(id)).toList();
  }

  List<Path> casts() throws Exception {
    Path d = dir.resolve("recordings");
    if (!Files.isDirectory(d)) return List.of();
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }

  @Test
  void aSessionIsRecordedAndItsClosingRecordCarriesTheNumbersTheTypedTextAndTheRecordingsHash() throws Exception {
    CommandService service = service("");
    TerminalOpening o = service.openTerminal(slack("U_A"), new TerminalRequest("web", List.of("sh"), null, 100, 30),
        this::show);
    assertThat(o.opened()).as(String.valueOf(o.outcome())).isTrue();
    TerminalSession s = o.session();
    s.write("ls /etc\r".getBytes(StandardCharsets.UTF_8));
    s.resize(120, 40);
    s.write("exit 4\r".getBytes(StandardCharsets.UTF_8));
    assertThat(s.exit().get(5, TimeUnit.SECONDS)).isEqualTo(4);

    assertThat(engine.calls()).contains("terminal aaa111 sh 100x30", "resize aaa111 120x40");
    List<AuditEntry> r = records(s.id());
    assertThat(r).extracting(AuditEntry::outcome).containsExactly(AuditOutcome.REQUESTED, AuditOutcome.SUCCEEDED);
    assertThat(r.get(0).commandText()).isEqualTo("exec -it web sh");
    assertThat(r.get(0).action()).isEqualTo("exec");
    assertThat(r.get(0).message()).isEqualTo("terminal 100x30; recorded");
    String end = r.get(1).message();
    assertThat(end).startsWith("terminal ended: exit code 4, ").contains("15 bytes in, 15 bytes out")
        .contains("recording " + s.id() + ".cast sha256:").contains("typed: ls /etc\\u000dexit 4\\u000d");
    assertThat(r.get(1).durationMs()).isNotNull();

    Path cast = dir.resolve("recordings").resolve(s.id() + ".cast");
    List<String> lines = Files.readAllLines(cast);
    assertThat(lines.get(0)).startsWith("{\"version\": 2, \"width\": 100, \"height\": 30, \"timestamp\": ");
    assertThat(lines).anyMatch(l -> l.endsWith(", \"i\", \"ls /etc\\r\"]")).anyMatch(l -> l.endsWith(", \"r\", \"120x40\"]"));

    Recordings recordings = new Recordings(dir.resolve("recordings"), 1 << 20);
    assertThat(new AuditVerifier(audit).withRecordings(recordings).verify().ok()).isTrue();
    Files.writeString(cast, Files.readString(cast).replace("ls /etc", "ls /tmp"));
    assertThat(new AuditVerifier(audit).withRecordings(recordings).verify().problems())
        .anyMatch(p -> p.contains(s.id() + ".cast was changed after its session ended"));
    Files.delete(cast);
    assertThat(new AuditVerifier(audit).withRecordings(recordings).verify().problems())
        .anyMatch(p -> p.contains(s.id() + ".cast is missing"));
  }

  @Test
  void anExecIWithoutATerminalEndsAtTheEndOfItsInputAndIsAuditedAsSuch() throws Exception {
    TerminalOpening o = service("").openTerminal(slack("U_A"), new TerminalRequest("web", List.of("cat"), null, false, 0,
        0, List.of(), null), this::show);
    assertThat(o.opened()).as(String.valueOf(o.outcome())).isTrue();
    TerminalSession s = o.session();
    s.write("piped\n".getBytes(StandardCharsets.UTF_8));
    s.closeInput();
    assertThat(s.exit().get(5, TimeUnit.SECONDS)).isZero();
    assertThat(engine.calls()).contains("close-input aaa111");
    List<AuditEntry> r = records(s.id());
    assertThat(r.get(0).commandText()).isEqualTo("exec -i web cat");
    assertThat(r.get(0).message()).isEqualTo("stdin open, no terminal; recorded");
    assertThat(r.get(1).message()).startsWith("terminal ended: exit code 0, ").contains("6 bytes in");
  }

  @Test
  void closingEndsTheSessionOnceAndLaterInputIsIgnored() throws Exception {
    TerminalSession s = service("").openTerminal(slack("U_A"), new TerminalRequest("web", List.of("sh"), null, 80, 24),
        this::show).session();
    s.close();
    s.close();
    s.write("after\r".getBytes(StandardCharsets.UTF_8));
    assertThat(s.exit().get(5, TimeUnit.SECONDS)).isEqualTo(129);
    assertThat(records(s.id())).extracting(AuditEntry::outcome).containsExactly(AuditOutcome.REQUESTED, AuditOutcome.SUCCEEDED);
    assertThat(shown.toString(StandardCharsets.UTF_8)).doesNotContain("after");
  }

  @Test
  void aTerminalIsAuthorizedLikeExecAndARefusalOpensNothing() throws Exception {
    CommandService service = service("""
          run: { allowRootUser: false }
        """);
    TerminalOpening viewer = service.openTerminal(slack("U_V"), new TerminalRequest("web", List.of("sh"), null, 80, 24),
        this::show);
    assertThat(viewer.opened()).isFalse();
    assertThat(viewer.outcome()).isInstanceOf(Outcome.Denied.class);
    TerminalOpening outOfScope = service.openTerminal(slack("U_S"), new TerminalRequest("web", List.of("sh"), null, 80, 24),
        this::show);
    assertThat(outOfScope.outcome()).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("No such container: web"));
    TerminalOpening root = service.openTerminal(slack("U_A"), new TerminalRequest("web", List.of("sh"), "root", 80, 24),
        this::show);
    assertThat(root.outcome()).isInstanceOf(Outcome.Denied.class);
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("terminal"));
    assertThat(casts()).isEmpty();
  }

  @Test
  void aTerminalThatNeedsConfirmingOpensOnlyOnTheConfirmedStep() throws Exception {
    // exec is confirmed by default (service() clears the list): a policy that keeps the default
    ConfiguredPolicy confirming = new ConfiguredPolicy(ConfigLoader.parse("""
        policy:
          users:
            otto: { role: admin, identities: { slack: [U_O] } }
        """, Map.of()).policy());
    CommandService service = new CommandService(new PicocliCommandLanguage(clock), confirming, audit, engine,
        CoreLimits.DEFAULTS, clock, new io.berth.core.approval.InMemoryApprovalStore(clock),
        new Recordings(dir.resolve("recordings"), 1 << 20));
    TerminalOpening asked = service.openTerminal(slack("U_O"), new TerminalRequest("web", List.of("sh"), null, 80, 24),
        this::show);
    assertThat(asked.outcome()).isInstanceOf(Outcome.ConfirmationRequired.class);
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("terminal"));
    String token = ((Outcome.ConfirmationRequired) asked.outcome()).token();
    TerminalOpening confirmed = service.confirmTerminal(slack("U_O"), token, 90, 20, this::show);
    assertThat(confirmed.opened()).as(String.valueOf(confirmed.outcome())).isTrue();
    assertThat(engine.calls()).contains("terminal aaa111 sh 90x20");
    assertThat(confirmed.session().id()).isEqualTo(asked.outcome().requestId());
    confirmed.session().close();
    assertThat(service.confirmTerminal(slack("U_O"), token, 90, 20, this::show).opened()).as("a token opens once").isFalse();
  }

  @Test
  void aRuleSetByAnAdminLeavesSessionsUnrecordedAndTheAuditSaysSo() throws Exception {
    CommandService service = service("""
          terminals:
            unrecorded:
              lab-boxes: { containers: { labels: { env: lab } }, setBy: ada }
        """);
    TerminalSession s = service.openTerminal(slack("U_A"), new TerminalRequest("lab", List.of("sh"), null, 80, 24),
        this::show).session();
    s.write("secret-ish\r".getBytes(StandardCharsets.UTF_8));
    s.close();
    List<AuditEntry> r = records(s.id());
    assertThat(r.get(0).message()).isEqualTo(
        "terminal 80x24; not recorded (policy.terminals.unrecorded rule \"lab-boxes\", set by admin ada)");
    assertThat(r.get(1).message()).contains("not recorded (policy.terminals.unrecorded rule \"lab-boxes\"")
        .doesNotContain("secret-ish").doesNotContain("typed:");
    assertThat(casts()).isEmpty();
  }

  @Test
  void onlyAnAdminMayTurnRecordingOff() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> service("""
          terminals:
            unrecorded:
              mine: { containers: { names: [web] }, setBy: otto }
        """)).hasMessageContaining("policy.terminals.unrecorded.mine.setBy")
        .hasMessageContaining("only an admin may turn session recording off").hasMessageContaining("\"otto\" is role operator");
  }

  @Test
  void chatHasNoTerminalNorStdinSoExecIAndItAreRefusedWithWhereToGo() {
    Outcome o = service("").submit(slack("U_A"), "exec -it web sh", p -> { });
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message())
        .contains("exec -i/-t needs a terminal or a stdin").contains("Terminal tab").contains("./berth docker exec -it")
        .contains("pipe into ./berth docker exec -i"));
    Outcome piped = service("").submit(slack("U_A"), "exec -i web cat", p -> { });
    assertThat(piped).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message())
        .contains("exec -i/-t needs a terminal or a stdin"));
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("terminal") || c.startsWith("exec"));
  }

  io.berth.core.command.Run run(String text) {
    return (io.berth.core.command.Run) new PicocliCommandLanguage(clock).parse(text);
  }

  @Test
  void runItCreatesAContainerWithATtyRecordsTheSessionAndRmRemovesItAfterItsExit() throws Exception {
    CommandService service = service("");
    TerminalOpening o = service.openRunTerminal(slack("U_A"), run("run -it --rm --name box img sh"), 100, 30, this::show);
    assertThat(o.opened()).as(String.valueOf(o.outcome())).isTrue();
    io.berth.core.command.Run created = engine.created().get(0);
    assertThat(created.settings().tty()).isTrue();
    assertThat(created.settings().interactive()).isTrue();
    String id = engine.resolveContainer("box").id();
    assertThat(engine.calls()).contains("start-terminal " + id + " 100x30");
    TerminalSession s = o.session();
    s.write("echo hi\r".getBytes(StandardCharsets.UTF_8));
    s.write("exit 3\r".getBytes(StandardCharsets.UTF_8));
    assertThat(s.exit().get(5, TimeUnit.SECONDS)).isEqualTo(3);
    assertThat(engine.listContainers(true, List.of(), false)).noneMatch(c -> c.name().equals("box"));

    List<AuditEntry> r = records(s.id());
    assertThat(r).extracting(AuditEntry::outcome).containsExactly(AuditOutcome.REQUESTED, AuditOutcome.SUCCEEDED);
    assertThat(r.get(0).commandText()).isEqualTo("run --name box --rm -it img sh");
    assertThat(r.get(0).action()).isEqualTo("run");
    assertThat(r.get(1).message()).startsWith("terminal ended: exit code 3, ").contains("typed: echo hi\\u000dexit 3\\u000d");
    assertThat(dir.resolve("recordings").resolve(s.id() + ".cast")).exists();
  }

  @Test
  void runItIsAuthorizedAsRunIsRoleAndImageAllowlistBeforeAnythingIsCreated() throws Exception {
    TerminalOpening operator = service("").openRunTerminal(slack("U_O"), run("run -it img sh"), 80, 24, this::show);
    assertThat(operator.outcome()).isInstanceOf(Outcome.Denied.class);
    TerminalOpening outside = service("  run: { images: [\"localhost:5000/*\"] }\n")
        .openRunTerminal(slack("U_A"), run("run -it img sh"), 80, 24, this::show);
    assertThat(outside.outcome()).as(String.valueOf(outside.outcome())).isInstanceOf(Outcome.Denied.class);
    TerminalOpening privileged = service("").openRunTerminal(slack("U_A"), run("run -it --privileged img sh"), 80, 24,
        this::show);
    assertThat(privileged.outcome()).isInstanceOf(Outcome.Denied.class);
    assertThat(engine.created()).isEmpty();
    assertThat(casts()).isEmpty();
  }

}
