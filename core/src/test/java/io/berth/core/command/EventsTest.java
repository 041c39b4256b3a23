package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code events}: one time parser, docker's filters and lines, a bounded window, scope on what is shown. */
class EventsTest {
  final CommandFixture f = new CommandFixture();
  static final Instant T = Instant.parse("2026-11-28T11:59:00.000000123Z");

  @Test
  void sinceAndUntilAreReadByTheOneTimeParser() {
    assertThat(f.language.parse("events --since 1h30m --until 10m")).isEqualTo(
        new Events(Instant.parse("2026-11-28T10:30:00Z"), Instant.parse("2026-11-28T11:50:00Z"), List.of()));
    assertThat(f.language.parse("events --since 2026-11-28T11:00:00Z --filter event=die -f type=container"))
        .isEqualTo(new Events(Instant.parse("2026-11-28T11:00:00Z"), null,
            List.of(new Events.Filter("event", "die"), new Events.Filter("type", "container"))));
    Events e = new Events(Instant.parse("2026-11-28T11:00:00Z"), null, List.of(new Events.Filter("label", "team=pay")));
    assertThat(f.language.describe(e)).isEqualTo("events --since 2026-11-28T11:00:00Z --filter label=team=pay");
    assertThat(f.language.parse(f.language.describe(e))).isEqualTo(e);
  }

  @Test
  void badInputSaysWhatToWrite() {
    // docker's client reads a time when the command runs: its own words, exit 1 (ExitCodesTest)
    assertThatThrownBy(() -> f.language.parse("events --since yesterday"))
        .hasMessage("failed to parse value as time or duration: \"yesterday\"");
    assertThatThrownBy(() -> f.language.parse("events --filter colour=red")).hasMessageContaining("unsupported filter \"colour\"");
    assertThatThrownBy(() -> f.language.parse("events --filter type=cake")).hasMessageContaining("bad type \"cake\"");
    assertThatThrownBy(() -> f.language.parse("events --filter container=../x")).hasMessageContaining("bad container");
    assertThatThrownBy(() -> f.language.parse("events --since 5m --until 10m")).hasMessageContaining("lies before --since");
  }

  @Test
  void linesAreDockersAndTheWindowIsBounded() {
    f.engine.withEvents(new Events.Event(T, "container", "start", "aaa111", Map.of("name", "web", "team", "pay", "image", "img:1")));
    Outcome o = f.submit("U_V", "events");
    assertThat(f.render(o)).isEqualTo("2026-11-28T11:59:00.000000123Z container start aaa111 (image=img:1, name=web, team=pay)\n");
    String query = f.engine.eventQueries().get(0);
    Instant since = Instant.parse(query.split(" ")[0]);
    Instant until = Instant.parse(query.split(" ")[1]);
    assertThat(java.time.Duration.between(since, until)).hasMinutes(10);
    assertThat(until).isBeforeOrEqualTo(Instant.now());
    assertThat(new Events.History(List.of(), 7).text(new PlainTextRenderer())).contains("(7 earlier events not shown");
  }

  @Test
  void formatHasDockersMessageFields() {
    f.engine.withEvents(new Events.Event(T, "container", "start", "aaa111", Map.of("name", "web", "image", "img:1")),
        new Events.Event(T, "network", "connect", "net1", Map.of("container", "aaa111")));
    assertThat(f.render(f.submit("U_V", "events --format '{{.Type}} {{.Action}} {{.Actor.ID}} {{.Actor.Attributes}} "
        + "{{.Time}} {{.TimeNano}} [{{.Status}}] [{{.ID}}] [{{.From}}] {{index .Actor.Attributes \"name\"}}'"))).isEqualTo(
        "container start aaa111 map[image:img:1 name:web] 1795867140 1795867140000000123 [start] [aaa111] [img:1] web\n"
        + "network connect net1 map[container:aaa111] 1795867140 1795867140000000123 [] [] [] <no value>\n");
    assertThat(f.render(f.submit("U_V", "events --format '{{json .}}'"))).isEqualTo(
        "{\"status\":\"start\",\"id\":\"aaa111\",\"from\":\"img:1\",\"Type\":\"container\",\"Action\":\"start\","
        + "\"Actor\":{\"ID\":\"aaa111\",\"Attributes\":{\"image\":\"img:1\",\"name\":\"web\"}},\"scope\":\"local\","
        + "\"time\":1795867140,\"timeNano\":1795867140000000123}\n"
        + "{\"Type\":\"network\",\"Action\":\"connect\",\"Actor\":{\"ID\":\"net1\",\"Attributes\":{\"container\":"
        + "\"aaa111\"}},\"scope\":\"local\",\"time\":1795867140,\"timeNano\":1795867140000000123}\n");
    Events parsed = (Events) f.language.parse("events --since 10m --format '{{.Action}}'");
    assertThat(parsed.format()).isEqualTo("{{.Action}}");
    assertThat(f.language.parse(f.language.describe(parsed))).isEqualTo(parsed);
    assertThatThrownBy(() -> f.language.parse("events --format '{{.Action'")).hasMessageContaining("template parsing error");
    assertThat(f.submit("U_V", "events --format {{.Nope}}")).isInstanceOfSatisfying(Outcome.Failed.class,
        o -> assertThat(o.message()).contains("template parsing error"));
  }

  @Test
  void aScopedUserSeesOnlyTheirContainersEvents() {
    f.engine.withEvents(
        new Events.Event(T, "container", "start", "aaa111", Map.of("name", "web", "team", "pay")),
        new Events.Event(T, "container", "die", "bbb222", Map.of("name", "db", "team", "ops", "exitCode", "1")),
        new Events.Event(T, "image", "pull", "busybox:latest", Map.of("name", "busybox")));
    assertThat(f.render(f.submit("U_P", "events"))).isEqualTo(
        "2026-11-28T11:59:00.000000123Z container start aaa111 (name=web, team=pay)\n");
    assertThat(f.engine.eventQueries().get(0)).endsWith("{type=[container]}");
    assertThat(f.render(f.submit("U_V", "events")).lines()).hasSize(3);
  }

  @Test
  void aContainerFilterIsAScopedTargetPinnedToItsId() {
    assertThat(f.submit("U_P", "events --filter container=db")).isInstanceOfSatisfying(Outcome.Failed.class,
        fl -> assertThat(fl.message()).isEqualTo("No such container: db"));
    assertThat(f.engine.eventQueries()).isEmpty();
    f.submit("U_V", "events --filter container=web");
    assertThat(f.engine.eventQueries().get(0)).endsWith("{container=[aaa111]}");
  }

  /** A terminal: it shows output as it comes, for as long as the command runs (the CLI's TerminalOutput). */
  record Terminal(List<Progress> seen) implements ProgressListener {
    @Override
    public void on(Progress p) {
      seen.add(p);
    }

    @Override
    public boolean follows() {
      return true;
    }
  }

  @Test
  void withoutUntilATerminalFollowsUntilStoppedAndEveryOtherSurfaceGetsTheWindow() throws Exception {
    f.engine.withEvents(
        new Events.Event(T, "container", "start", "aaa111", Map.of("name", "web", "team", "pay")),
        new Events.Event(T, "container", "die", "bbb222", Map.of("name", "db", "team", "ops", "exitCode", "1")));
    Terminal terminal = new Terminal(new java.util.concurrent.CopyOnWriteArrayList<>());
    java.util.concurrent.CompletableFuture<Outcome> outcome = new java.util.concurrent.CompletableFuture<>();
    Thread cli = new Thread(() -> outcome.complete(f.service.submit(CommandFixture.slack("U_P"),
        "events --since 5m --format '{{.Action}} {{.Actor.Attributes.name}}'", terminal)));
    cli.start();
    // streamed as the engine reports them, through scope (pam sees web's events, not db's), as the command's output
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (terminal.seen().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
    Thread.sleep(200);
    assertThat(terminal.seen()).containsExactly(new Progress.Line("start web"));
    assertThat(outcome).isNotDone();
    assertThat(f.engine.eventQueries()).containsExactly("follow 2026-11-28T11:55:00Z {type=[container]}");
    assertThat(Catalog.bind(f.language.parse("events")).progressIsOutput()).isTrue();
    assertThat(Catalog.bind(f.language.parse("events --until 0s")).progressIsOutput()).isFalse();

    cli.interrupt(); // Ctrl-C: the CLI interrupts the command, which ends as followed so far, audited
    assertThat(outcome.get(10, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(f.render(outcome.get())).isEmpty(); // it streamed; nothing is printed twice
    assertThat(f.audit.entries()).extracting(e -> e.outcome().name()).containsSubsequence("REQUESTED", "SUCCEEDED");

    // chat and the console (no terminal): the bounded window, as before
    assertThat(f.render(f.submit("U_V", "events --format '{{.Action}}'"))).isEqualTo("start\ndie\n");
  }

  @Test
  void anUntilFarAheadIsRefused() {
    assertThat(f.submit("U_V", "events --until " + Instant.now().plusSeconds(3600))).isInstanceOfSatisfying(
        Outcome.Failed.class, fl -> assertThat(fl.message()).contains("more than 60s ahead"));
  }
}
