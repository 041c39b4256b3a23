package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.adapter.docker.DockerJavaEngine;
import io.berth.core.config.ConfigLoader;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.Engines;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.AcrossContexts;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.Wait;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code events --context all} on the real engine: two contexts over the shared socket (names differ) and one whose
 * socket does not exist. One bounded window, every context's events merged in time order with the context first,
 * the down context one error line while the others answer.
 */
class EventsAcrossContextsIT {
  static TestEngine env;
  static DockerJavaEngine second;
  static CommandService core;
  static final Caller ADA = new Caller(Source.SLACK, "U_A", "ada", Location.channel("T1", "C1"));

  @BeforeAll
  static void setUp() {
    env = new TestEngine("evall-it");
    second = new DockerJavaEngine("blue", null);
    Map<String, ContainerEngine> byContext = new LinkedHashMap<>();
    byContext.put("green", env.engine());
    byContext.put("blue", second);
    byContext.put("gone", new DockerJavaEngine("gone", "unix:///nonexistent/berth-" + env.prefix() + ".sock"));
    var policy = new ConfiguredPolicy(ConfigLoader.parse("""
        policy:
          users:
            ada: { role: admin, identities: { slack: [U_A] } }
        """, Map.of()).policy());
    core = CommandService.withEngines(new PicocliCommandLanguage(), policy, new InMemoryAuditTrail(),
        new Engines(byContext, "green", List.of()), CoreLimits.DEFAULTS, Clock.systemUTC());
  }

  @AfterAll
  static void tearDown() {
    second.close();
    env.close();
  }

  @Test
  void eventsAcrossContextsAreOneWindowWithTheContextFirst() {
    String name = env.name("ev");
    String id = env.startOutsideBerth(name, "true");
    Wait.until(() -> env.docker().inspectContainerCmd(id).exec().getState().getStatus().equals("exited"));

    Outcome o = core.submit(ADA, "--context all events --since 2m --filter container=" + name, ProgressListener.IGNORE);
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    AcrossContexts across = (AcrossContexts) ((Outcome.Succeeded) o).result();
    String text = across.text(new PlainTextRenderer());
    List<String> lines = text.lines().toList();
    // the same engine twice: each event once per context, each line "CONTEXT  docker's line"
    assertThat(lines).filteredOn(l -> l.contains(" container die " + id)).hasSize(2)
        .anyMatch(l -> l.startsWith("green  ")).anyMatch(l -> l.startsWith("blue   "));
    assertThat(lines).allMatch(l -> l.matches("(green|blue ) {2}\\d{4}-\\d\\d-\\d\\dT\\S+Z container \\S+ " + id + " \\(.*"));
    List<String> times = lines.stream().map(l -> l.substring(7, 37)).toList();
    assertThat(times).isSorted();
    assertThat(across.errors()).singleElement().asString().startsWith("context gone: ");

    String formatted = new PlainTextRenderer().render(core.submit(ADA,
        "--context all events --since 2m --filter container=" + name + " --filter event=start --format '{{.Action}}'",
        ProgressListener.IGNORE));
    assertThat(formatted.lines().filter(l -> !l.startsWith("context gone"))).containsExactly("green  start", "blue   start");
  }

  @Test
  void followedEveryContextStreamsLiveTheDownOneIsOneLineAndAnInterruptEndsIt() throws Exception {
    FollowEventsAcrossContextsTest.Terminal terminal = new FollowEventsAcrossContextsTest.Terminal();
    java.util.concurrent.atomic.AtomicReference<Outcome> ended = new java.util.concurrent.atomic.AtomicReference<>();
    Thread cli = new Thread(() -> ended.set(core.submit(ADA, "--context all events --filter event=start --filter label="
        + env.labels().keySet().iterator().next(), terminal)), "it-cli");
    cli.start();
    try {
      Wait.until(() -> terminal.err.stream().anyMatch(l -> l.startsWith("context gone: ")));
      Thread.sleep(1_500); // green's and blue's streams are open by now (nothing shows what happened before them)
      String name = env.name("evf");
      String id = env.startOutsideBerth(name, "true");
      // the same engine under two names: its start once per context, each line "CONTEXT  docker's line", as it happens
      Wait.until(() -> terminal.out.stream().filter(l -> l.contains(" container start " + id + " ")).count() == 2);
      assertThat(terminal.out).filteredOn(l -> l.contains(id))
          .anyMatch(l -> l.startsWith("green  ")).anyMatch(l -> l.startsWith("blue   "))
          .allMatch(l -> l.matches("(green|blue ) {2}\\d{4}-\\d\\d-\\d\\dT\\S+Z container start " + id + " \\(.*name=" + name + ".*"));
      Thread.sleep(1_000); // gone is retried meanwhile: still one line
      assertThat(terminal.err).filteredOn(l -> l.startsWith("context gone: ")).hasSize(1);
    } finally {
      cli.interrupt(); // Ctrl-C
      cli.join(10_000);
    }
    assertThat(cli.isAlive()).isFalse();
    assertThat(ended.get()).isInstanceOf(Outcome.Succeeded.class);
  }
}
