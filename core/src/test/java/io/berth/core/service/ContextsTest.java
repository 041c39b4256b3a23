package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.config.ConfigLoader;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.Engines;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.AcrossContexts;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contexts (engine.endpoints): --context / -c and context/NAME choose the engine, a role may differ per context,
 * --context all fans a read command out, and the audit names the context.
 */
class ContextsTest {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
  final RecordingContainerEngine prod = new RecordingContainerEngine().with("aaa111", "web", "running", Map.of());
  final RecordingContainerEngine staging = new RecordingContainerEngine().with("bbb222", "web", "running", Map.of())
      .with("ccc333", "worker", "exited", Map.of());
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final Map<String, ContainerEngine> byContext = new LinkedHashMap<>();

  CommandService service() {
    var policy = new ConfiguredPolicy(ConfigLoader.parse("""
        engine:
          endpoints: [ {name: prod, host: "unix:///p.sock"}, {name: staging, host: "unix:///s.sock"} ]
        policy:
          users:
            olga: { role: operator, slack: [U_O], contexts: { prod: viewer } }
        """, Map.of()).policy());
    if (byContext.isEmpty()) {
      byContext.put("prod", prod);
      byContext.put("staging", staging);
    }
    return CommandService.withEngines(new PicocliCommandLanguage(clock), policy, audit,
        new Engines(byContext, "prod", List.of()), CoreLimits.DEFAULTS, clock);
  }

  static Caller olga() {
    return new Caller(Source.SLACK, "U_O", "olga", Location.channel("T1", "C1"));
  }

  Outcome submit(String text) {
    return service().submit(olga(), text, ProgressListener.IGNORE);
  }

  @Test
  void inspectOfAContextTargetIsTheContainerThere() {
    Outcome o = service().execute(olga(), new io.berth.core.command.Inspect("staging/ccc333"), null, ProgressListener.IGNORE);
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    assertThat(((Outcome.Succeeded) o).result()).isInstanceOfSatisfying(io.berth.core.result.ContainerDetails.class,
        d -> assertThat(d.summary().id()).isEqualTo("ccc333"));
  }

  @Test
  void liveEventsFollowTheNamedContextsEngineOnly() {
    CommandService core = service();
    List<io.berth.core.result.ContainerEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    var sub = core.watchEvents(olga(), "staging", seen::add, s -> { }).orElseThrow();
    prod.emit(new io.berth.core.result.ContainerEvent(clock.instant(), "aaa111", "web", "die", 1, Map.of()));
    staging.emit(new io.berth.core.result.ContainerEvent(clock.instant(), "bbb222", "web", "start", null, Map.of()));
    assertThat(seen).extracting(io.berth.core.result.ContainerEvent::containerId).containsExactly("bbb222");
    sub.close();
    assertThat(staging.eventSubscribers()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> core.watchEvents(olga(), "qa", seen::add, s -> { }))
        .isInstanceOf(EngineException.class).hasMessageContaining("prod, staging");
  }

  @Test
  void contextChoosesTheEngineAndTheRoleThere() {
    assertThat(submit("--context staging stop web")).isInstanceOf(Outcome.Succeeded.class);
    assertThat(staging.mutatingCalls()).containsExactly("stop bbb222");
    assertThat(prod.mutatingCalls()).isEmpty();

    Outcome onProd = submit("-c prod stop web");
    assertThat(onProd).isInstanceOf(Outcome.Denied.class);
    assertThat(((Outcome.Denied) onProd).reason()).contains("viewer");
    assertThat(submit("stop web")).as("the default context is prod").isInstanceOf(Outcome.Denied.class);
    assertThat(prod.mutatingCalls()).isEmpty();

    List<AuditEntry> stops = audit.entries().stream().filter(e -> e.action().equals("stop")).toList();
    assertThat(stops).filteredOn(e -> e.outcome() == AuditOutcome.SUCCEEDED)
        .extracting(AuditEntry::context, AuditEntry::target).containsExactly(tuple("staging", "web"));
    assertThat(stops).filteredOn(e -> e.outcome() == AuditOutcome.DENIED)
        .extracting(AuditEntry::context, AuditEntry::target).containsExactly(tuple("prod", "web"), tuple("prod", "web"));
  }

  @Test
  void aChannelBoundToAContextRunsThereUnlessTheCommandSaysOtherwise() {
    byContext.put("prod", prod);
    byContext.put("staging", staging);
    var policy = new ConfiguredPolicy(ConfigLoader.parse("""
        policy:
          users:
            olga: { role: operator, slack: [U_O], discord: [U_O] }
        """, Map.of()).policy());
    CommandService s = CommandService.withEngines(new PicocliCommandLanguage(clock), policy, audit,
        new Engines(byContext, "prod", Map.of(Engines.channel("slack", "C_STAGING"), "staging"), List.of()),
        CoreLimits.DEFAULTS, clock);
    Caller inStaging = new Caller(Source.SLACK, "U_O", "olga", Location.channel("T1", "C_STAGING"));
    Caller discordSameId = new Caller(Source.DISCORD, "U_O", "olga", Location.channel("G1", "C_STAGING"));

    assertThat(s.submit(inStaging, "stop web", ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(staging.mutatingCalls()).containsExactly("stop bbb222");
    assertThat(prod.mutatingCalls()).isEmpty();
    assertThat(s.submit(inStaging, "-c prod stop web", ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(prod.mutatingCalls()).as("--context wins over the channel's").containsExactly("stop aaa111");
    assertThat(s.submit(inStaging, "start prod/web", ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(prod.mutatingCalls()).as("so does a context/NAME target").containsExactly("stop aaa111", "start aaa111");
    assertThat(s.submit(olga(), "start web", ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(prod.mutatingCalls()).as("another channel: the default").hasSize(3);
    assertThat(staging.mutatingCalls()).hasSize(1);
    // the binding is per platform: the same channel id on another platform is another channel
    assertThat(s.submit(discordSameId, "stop web", ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(prod.mutatingCalls()).hasSize(4);
    assertThat(staging.mutatingCalls()).hasSize(1);
    // the audit names where in a column of its own; the target is the container's name as docker has it
    assertThat(audit.entries()).filteredOn(e -> e.action().equals("stop") && e.outcome() == AuditOutcome.SUCCEEDED)
        .extracting(AuditEntry::context, AuditEntry::target)
        .containsExactly(tuple("staging", "web"), tuple("prod", "web"), tuple("prod", "web"));
    assertThat(audit.entries()).filteredOn(e -> e.action().equals("start") && e.outcome() == AuditOutcome.SUCCEEDED)
        .extracting(AuditEntry::context, AuditEntry::target).containsExactly(tuple("prod", "web"), tuple("prod", "web"));
  }

  @Test
  void commandsThatAskNoEngineNameNoContextInTheAudit() {
    assertThat(submit("ps")).isInstanceOf(Outcome.Succeeded.class);
    assertThat(submit("-c staging audit --context prod")).isInstanceOf(Outcome.Succeeded.class);
    assertThat(submit("help")).isInstanceOf(Outcome.Succeeded.class);
    assertThat(audit.entries()).filteredOn(e -> e.outcome() == AuditOutcome.SUCCEEDED)
        .extracting(AuditEntry::action, AuditEntry::context)
        .containsExactly(tuple("ps", "prod"), tuple("audit", null), tuple("help", null));
    // chat's audit: the context filter after the command, and a CONTEXT column
    String page = new PlainTextRenderer(clock).render(submit("audit --context prod"));
    List<String> lines = page.lines().toList();
    assertThat(lines.get(0)).containsPattern("ACTION +CONTEXT +TARGET");
    assertThat(lines.subList(1, lines.size())).singleElement().asString().containsPattern(" ps +prod ");
    Outcome bad = submit("audit --context ../x");
    assertThat(bad).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) bad).message()).contains("--context \"../x\" is not a context name");
  }

  @Test
  void aContextTargetNamesWhereItRuns() {
    assertThat(submit("stop staging/web")).isInstanceOf(Outcome.Succeeded.class);
    assertThat(staging.mutatingCalls()).containsExactly("stop bbb222");
    assertThat(submit("stop prod/web")).isInstanceOf(Outcome.Denied.class);
    Outcome both = submit("stop prod/web staging/worker");
    assertThat(both).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) both).message()).contains("two contexts");
  }

  @Test
  void anUnknownContextNamesTheKnownOnes() {
    Outcome o = submit("--context qa ps");
    assertThat(o).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) o).kind()).as("docker exits 1").isEqualTo(Failure.INVALID);
    assertThat(((Outcome.Failed) o).message()).isEqualTo("context \"qa\" does not exist (known: prod, staging)");
    assertThat(submit("stop qa/web")).isInstanceOf(Outcome.Failed.class);
    assertThat(audit.entries()).as("no engine ran them: no context recorded").extracting(AuditEntry::context)
        .containsOnlyNulls();
    Outcome all = submit("--context all stop web");
    assertThat(((Outcome.Failed) all).message()).startsWith("--context all is for read commands");
  }

  @Test
  void contextAllListsEveryContextWithAContextColumn() {
    Outcome o = submit("--context all ps -a");
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    String text = new PlainTextRenderer(clock).render(o);
    assertThat(text.lines().toList().get(0)).startsWith("CONTEXT").contains("CONTAINER ID");
    assertThat(text).containsPattern("(?m)^prod +aaa111 ").containsPattern("(?m)^staging +bbb222 ")
        .containsPattern("(?m)^staging +ccc333 ");
    Outcome formatted = submit("--context all ps -a --format '{{.Context}}:{{.Names}}'");
    assertThat(new PlainTextRenderer(clock).render(formatted)).isEqualTo("prod:web\nstaging:web\nstaging:worker\n");
    assertThat(audit.entries()).filteredOn(e -> e.action().equals("ps") && e.outcome() == AuditOutcome.SUCCEEDED)
        .extracting(AuditEntry::context).containsExactlyInAnyOrder("prod", "staging", "prod", "staging");
  }

  @Test
  void aDownContextIsOneLineWhileTheOthersAnswer() {
    byContext.put("prod", down(prod));
    byContext.put("staging", staging);
    Outcome o = submit("--context all ps -a");
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    AcrossContexts r = (AcrossContexts) ((Outcome.Succeeded) o).result();
    assertThat(r.errors()).containsExactly("context prod: Cannot connect to the Docker daemon (test)");
    assertThat(r.failed()).isFalse();
    assertThat(r.text(new PlainTextRenderer(clock))).contains("staging").doesNotContain("aaa111");
  }

  /** Approvals and confirmations per context: held on prod, not on staging; the messages say where. */
  CommandService approvalsService() {
    byContext.put("prod", prod);
    byContext.put("staging", staging);
    var policy = new ConfiguredPolicy(ConfigLoader.parse("""
        engine:
          endpoints: [ {name: prod, host: "unix:///p.sock"}, {name: staging, host: "unix:///s.sock"} ]
        policy:
          users:
            olga: { role: operator, identities: { slack: [U_O] } }
            ada:  { role: admin, identities: { slack: [U_A] }, contexts: { prod: viewer } }
            bob:  { role: admin, identities: { slack: [U_B] } }
          approvals:
            rules:
              prod-restarts: { commands: [restart], approvers: [admin], contexts: [prod] }
        """, Map.of()).policy());
    return CommandService.withEngines(new PicocliCommandLanguage(clock), policy, audit,
        new Engines(byContext, "prod", List.of()), CoreLimits.DEFAULTS, clock);
  }

  static Caller slack(String id) {
    return new Caller(Source.SLACK, id, id, Location.channel("T1", "C1"));
  }

  @Test
  void anApprovalRuleForProdHoldsThereNotOnStagingAndSaysWhere() {
    CommandService s = approvalsService();
    assertThat(s.submit(olga(), "-c staging restart web", ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(staging.mutatingCalls()).containsExactly("restart bbb222");

    Outcome held = s.submit(olga(), "-c prod restart web", ProgressListener.IGNORE);
    assertThat(held).isInstanceOfSatisfying(Outcome.ApprovalRequired.class, r -> assertThat(r.prompt())
        .startsWith("On prod: This will restart container web.").contains("policy.approvals.rules.prod-restarts"));
    assertThat(prod.mutatingCalls()).isEmpty();
    String id = ((Outcome.ApprovalRequired) held).requestId();

    // ada is an admin, but a viewer on prod: not an approver of what runs there
    Outcome byAda = s.approve(slack("U_A"), id, ProgressListener.IGNORE);
    assertThat(byAda).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("ada has role viewer, which may not approve this"));
    assertThat(prod.mutatingCalls()).isEmpty();

    assertThat(s.approve(slack("U_B"), id, ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(prod.mutatingCalls()).containsExactly("restart aaa111");
    assertThat(audit.entries()).filteredOn(e -> e.outcome() == AuditOutcome.APPROVAL_REQUESTED)
        .extracting(e -> e.context() + " " + e.target()).containsExactly("prod web");
  }

  @Test
  void aConfirmationSaysWhichContextItActsOn() {
    CommandService s = approvalsService();
    Outcome o = s.submit(slack("U_B"), "-c staging rm -f web", ProgressListener.IGNORE);
    assertThat(o).isInstanceOfSatisfying(Outcome.ConfirmationRequired.class,
        c -> assertThat(c.prompt()).startsWith("On staging: "));
  }

  @Test
  void anAlertNamesItsContainerInItsContext() {
    var alert = new io.berth.core.notify.Alert(io.berth.core.notify.Alert.Kind.DIED, "aaa111", "web", Instant.EPOCH, 1,
        "died with exit code 1", List.of("boom"));
    assertThat(alert.inContext("prod").containerName()).isEqualTo("prod/web");
    assertThat(alert.inContext("prod").lastLogLines()).containsExactly("boom");
  }

  /** The engine as a down endpoint answers every call. */
  static ContainerEngine down(ContainerEngine engine) {
    return (ContainerEngine) Proxy.newProxyInstance(ContainerEngine.class.getClassLoader(), new Class<?>[] {ContainerEngine.class},
        (proxy, method, args) -> {
          if (method.getName().equals("listContainers") || method.getName().equals("resolveContainer")) {
            throw new EngineException(Failure.ENGINE_UNREACHABLE, "Cannot connect to the Docker daemon (test)");
          }
          try {
            return method.invoke(engine, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
