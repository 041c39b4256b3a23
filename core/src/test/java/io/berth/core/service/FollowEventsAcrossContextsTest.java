package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.command.Events;
import io.berth.core.config.ConfigLoader;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.Engines;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.result.LogLine;
import io.berth.core.result.Outcome;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.core.testing.Wait;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code events --context all} without {@code --until} on a surface that follows (the CLI's terminal): every context's
 * stream live, lines as they arrive with the context first, a dropped context one stderr line and followed again
 * from after its last event while the other keeps streaming, each context's scope applied, Ctrl-C (an interrupt)
 * ending each context's attempt audited in its context.
 */
class FollowEventsAcrossContextsTest {
  final RecordingContainerEngine green = new RecordingContainerEngine();
  final RecordingContainerEngine blue = new RecordingContainerEngine();
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  static final Caller ADA = new Caller(Source.CLI, "ada", "ada", Location.remote("host"));

  /** The CLI's terminal as the core sees it: follows, event lines on stdout, the rest on stderr. */
  static final class Terminal implements ProgressListener {
    final List<String> out = new CopyOnWriteArrayList<>();
    final List<String> err = new CopyOnWriteArrayList<>();

    @Override
    public void on(Progress p) {
      if (p instanceof Progress.Line l) out.add(l.text());
      if (p instanceof Progress.Printed pr) {
        (pr.chunk().stream() == LogLine.Stream.STDERR ? err : out).add(pr.chunk().text().stripTrailing());
      }
    }

    @Override
    public boolean follows() {
      return true;
    }
  }

  CommandService service() {
    var policy = new ConfiguredPolicy(ConfigLoader.parse("""
        engine:
          endpoints: [ {name: green, host: "unix:///g.sock"}, {name: blue, host: "unix:///b.sock"} ]
        policy:
          users:
            ada: { role: admin, identities: { cli: [ada] }, contexts: { blue: { role: viewer, scope: { names: ["app-*"] } } } }
        """, Map.of()).policy());
    Map<String, ContainerEngine> byContext = new LinkedHashMap<>();
    byContext.put("green", green);
    byContext.put("blue", blue);
    return CommandService.withEngines(new PicocliCommandLanguage(), policy, audit,
        new Engines(byContext, "green", List.of()), CoreLimits.DEFAULTS, Clock.systemUTC());
  }

  static Events.Event event(String time, String action, String id, String name) {
    return new Events.Event(Instant.parse(time), "container", action, id, Map.of("name", name, "image", "busybox"));
  }

  @Test
  void everyContextStreamsLiveAndADroppedOneComesBackWhileTheOtherGoesOn() throws Exception {
    CommandService core = service();
    Terminal terminal = new Terminal();
    AtomicReference<Outcome> ended = new AtomicReference<>();
    Thread cli = new Thread(() -> ended.set(core.submit(ADA, "--context all events --filter event=start --filter event=die",
        terminal)), "test-cli");
    cli.start();
    Wait.until(() -> green.openEventFollows() == 1 && blue.openEventFollows() == 1);

    green.emitEvent(event("2026-12-01T02:00:01Z", "start", "aaa1", "app-a"));
    blue.emitEvent(event("2026-12-01T02:00:02Z", "start", "bbb1", "app-b"));
    blue.emitEvent(event("2026-12-01T02:00:03Z", "start", "bbb2", "db-1")); // outside ada's scope on blue
    green.emitEvent(event("2026-12-01T02:00:04Z", "start", "aaa2", "db-1")); // on green ada sees everything
    assertThat(terminal.out).containsExactly(
        "green  2026-12-01T02:00:01.000000000Z container start aaa1 (image=busybox, name=app-a)",
        "blue   2026-12-01T02:00:02.000000000Z container start bbb1 (image=busybox, name=app-b)",
        "green  2026-12-01T02:00:04.000000000Z container start aaa2 (image=busybox, name=db-1)");

    blue.loseEngine("Cannot connect to the Docker engine at unix:///blue.sock");
    Wait.until(() -> !terminal.err.isEmpty());
    green.emitEvent(event("2026-12-01T02:00:05Z", "die", "aaa1", "app-a")); // green goes on meanwhile
    Thread.sleep(700); // several retries while blue is down: still one line
    assertThat(terminal.err).containsExactly("context blue: Cannot connect to the Docker engine at unix:///blue.sock");
    assertThat(terminal.out).last().isEqualTo(
        "green  2026-12-01T02:00:05.000000000Z container die aaa1 (image=busybox, name=app-a)");

    blue.engineBack();
    Wait.until(() -> blue.openEventFollows() == 1);
    // reopened from just after the last event blue sent, so nothing shows twice
    assertThat(blue.eventQueries()).last().asString().startsWith("follow 2026-12-01T02:00:03.000000001Z ");
    blue.emitEvent(event("2026-12-01T02:00:06Z", "die", "bbb1", "app-b"));
    assertThat(terminal.out).last().isEqualTo(
        "blue   2026-12-01T02:00:06.000000000Z container die bbb1 (image=busybox, name=app-b)");
    assertThat(cli.isAlive()).isTrue();

    cli.interrupt(); // Ctrl-C
    cli.join(5_000);
    assertThat(cli.isAlive()).isFalse();
    assertThat(ended.get()).isInstanceOf(Outcome.Succeeded.class);
    assertThat(terminal.err).hasSize(1);
    assertThat(green.openEventFollows()).isZero();
    assertThat(blue.openEventFollows()).isZero();
    // one attempt per context, each requested and succeeded, in its own context
    Wait.until(() -> audit.entries().stream().filter(e -> e.outcome() == AuditOutcome.SUCCEEDED).count() == 2);
    assertThat(audit.entries()).extracting(AuditEntry::context, AuditEntry::outcome).containsExactlyInAnyOrder(
        tuple("green", AuditOutcome.REQUESTED), tuple("blue", AuditOutcome.REQUESTED),
        tuple("green", AuditOutcome.SUCCEEDED), tuple("blue", AuditOutcome.SUCCEEDED));
  }

  /**
   * A daemon that is shutting down answers 500/503 (to the stream and to the ping): that context is a drop, one line,
   * followed again with backoff until it answers, not a context ended for good while the other streams on.
   */
  @Test
  void aContextAnswering5xxIsADropFollowedAgainNotAnEnd() throws Exception {
    CommandService core = service();
    Terminal terminal = new Terminal();
    AtomicReference<Outcome> ended = new AtomicReference<>();
    Thread cli = new Thread(() -> ended.set(core.submit(ADA, "--context all events", terminal)), "test-cli");
    cli.start();
    Wait.until(() -> green.openEventFollows() == 1 && blue.openEventFollows() == 1);
    blue.emitEvent(event("2026-12-01T02:00:02Z", "start", "bbb1", "app-b"));

    blue.engineAnswers(503, "Error response from daemon: daemon is shutting down");
    Wait.until(() -> !terminal.err.isEmpty());
    Thread.sleep(700); // several retries while blue answers 503: still one line
    assertThat(terminal.err).containsExactly("context blue: Error response from daemon: daemon is shutting down");
    assertThat(cli.isAlive()).isTrue();

    blue.engineBack();
    Wait.until(() -> blue.openEventFollows() == 1);
    assertThat(blue.eventQueries()).last().asString().startsWith("follow 2026-12-01T02:00:02.000000001Z ");
    blue.emitEvent(event("2026-12-01T02:00:06Z", "die", "bbb1", "app-b"));
    assertThat(terminal.out).last().isEqualTo(
        "blue   2026-12-01T02:00:06.000000000Z container die bbb1 (image=busybox, name=app-b)");

    cli.interrupt(); // Ctrl-C
    cli.join(5_000);
    assertThat(ended.get()).isInstanceOf(Outcome.Succeeded.class);
    assertThat(terminal.err).hasSize(1);
  }

  /** A 4xx (the request's fault) is not retried: that context ends with the engine's error, once. */
  @Test
  void aContextAnswering4xxEndsWithTheEnginesError() throws Exception {
    CommandService core = service();
    Terminal terminal = new Terminal();
    Thread cli = new Thread(() -> core.submit(ADA, "--context all events", terminal), "test-cli");
    cli.start();
    Wait.until(() -> green.openEventFollows() == 1 && blue.openEventFollows() == 1);
    blue.engineAnswers(400, "Error response from daemon: bad filter");
    Wait.until(() -> !terminal.err.isEmpty());
    Thread.sleep(500);
    assertThat(terminal.err).containsExactly("context blue: Error response from daemon: bad filter");
    assertThat(blue.openEventFollows()).isZero();
    assertThat(green.openEventFollows()).isOne();
    cli.interrupt();
    cli.join(5_000);
  }

  /**
   * One context followed (no --context all): a 5xx mid-stream ends the follow as docker's does, with the engine's
   * text and exit 1 (a failure, audited), not retried, not an internal error with a stack trace.
   */
  @Test
  void oneContextFollowedEndsWithTheEnginesErrorOn5xx() throws Exception {
    CommandService core = service();
    Terminal terminal = new Terminal();
    AtomicReference<Outcome> ended = new AtomicReference<>();
    Thread cli = new Thread(() -> ended.set(core.submit(ADA, "events", terminal)), "test-cli");
    cli.start();
    Wait.until(() -> green.openEventFollows() == 1);
    green.emitEvent(event("2026-12-01T02:00:01Z", "start", "aaa1", "app-a"));
    green.engineAnswers(500, "Error response from daemon: daemon is shutting down");
    cli.join(10_000);
    assertThat(cli.isAlive()).isFalse();
    assertThat(terminal.out).containsExactly("2026-12-01T02:00:01.000000000Z container start aaa1 (image=busybox, name=app-a)");
    assertThat(ended.get()).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.kind()).isNotEqualTo(io.berth.core.result.Failure.INTERNAL);
      assertThat(f.message()).isEqualTo("Error response from daemon: daemon is shutting down");
    });
    var request = new PicocliCommandLanguage().parse("events");
    assertThat(io.berth.core.render.ExitCodes.of(request, ended.get())).isEqualTo(1);
    assertThat(new io.berth.core.render.PlainTextRenderer(Clock.systemUTC()).render(ended.get()))
        .isEqualTo("Error: Error response from daemon: daemon is shutting down\n");
    Wait.until(() -> audit.entries().stream().anyMatch(e -> e.outcome() == AuditOutcome.FAILED));
  }

  @Test
  void withoutAFollowingSurfaceItIsStillOneBoundedWindow() {
    green.withEvents(event("2026-12-01T02:00:01Z", "start", "aaa1", "app-a"));
    Outcome o = service().submit(ADA, "--context all events", ProgressListener.IGNORE); // chat, the console
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    assertThat(green.openEventFollows()).isZero();
    assertThat(green.eventQueries()).singleElement().asString().doesNotStartWith("follow");
  }

  @Test
  void aContextDeniedEverywhereIsTheDenialAndNothingFollows() {
    var policy = new ConfiguredPolicy(ConfigLoader.parse("""
        policy:
          roles: { nobody: [help] }
          users:
            ada: { role: nobody, identities: { cli: [ada] } }
        """, Map.of()).policy());
    Map<String, ContainerEngine> byContext = new LinkedHashMap<>();
    byContext.put("green", green);
    byContext.put("blue", blue);
    CommandService core = CommandService.withEngines(new PicocliCommandLanguage(), policy, audit,
        new Engines(byContext, "green", List.of()), CoreLimits.DEFAULTS, Clock.systemUTC());
    Terminal terminal = new Terminal();
    Outcome o = core.submit(ADA, "--context all events", terminal);
    assertThat(o).isInstanceOf(Outcome.Denied.class);
    assertThat(terminal.err).isEmpty();
    assertThat(green.eventQueries()).isEmpty();
  }
}
