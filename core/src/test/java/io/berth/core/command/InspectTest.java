package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.Result;
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

/** JSON inspect: the engine's document, one array for every target, env masked unless the role may exec. */
class InspectTest {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  final PicocliCommandLanguage language = new PicocliCommandLanguage(clock);
  final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "web", "running", Map.of("team", "pay"))
      .with("bbb222", "db", "exited", Map.of("team", "ops"));
  final CommandService service = new CommandService(language, new ConfiguredPolicy(ConfigLoader.parse("""
      policy:
        users:
          vera: { role: viewer, slack: [U_V] }
          ada:  { role: admin, slack: [U_A] }
          pam:  { role: viewer, slack: [U_P], scope: { labels: { team: pay } } }
      """, Map.of()).policy()), new InMemoryAuditTrail(), engine, CoreLimits.DEFAULTS, clock);

  static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  Result run(String user, String text) {
    Outcome o = service.submit(slack(user), text, ProgressListener.IGNORE);
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    return ((Outcome.Succeeded) o).result();
  }

  String out(Result r) {
    return r.text(new PlainTextRenderer(clock));
  }

  @Test
  void parsesDockersForms() {
    assertThat(language.parse("inspect -f '{{.State.Status}}' web db"))
        .isEqualTo(new Inspect(List.of("web", "db"), null, "{{.State.Status}}", null));
    assertThat(language.parse("inspect --type image berth-test/busybox"))
        .isEqualTo(new Inspect(List.of("berth-test/busybox"), "image", null, null));
    Inspect i = new Inspect(List.of("web", "a/b:1"), "container", "{{json .}}", null);
    assertThat(language.parse(language.describe(i))).isEqualTo(i);
  }

  @Test
  void severalTargetsAreOneJsonArrayAndAMissingOneIsAnError() {
    Result r = run("U_A", "inspect web missing db");
    assertThat(out(r)).startsWith("[\n    {\n        \"Id\": \"aaa111\",").contains("\"Id\": \"bbb222\"").endsWith("]\n");
    assertThat(r.errors()).containsExactly("Error: No such object: missing");
    assertThat(r.failed()).isTrue();
  }

  @Test
  void envValuesAreMaskedUnlessTheRoleMayExec() {
    assertThat(out(run("U_V", "inspect -f '{{json .Config.Env}}' web"))).isEqualTo("[\"PATH=***\",\"SECRET=***\"]\n");
    assertThat(out(run("U_A", "inspect -f '{{json .Config.Env}}' web"))).isEqualTo("[\"PATH=/bin\",\"SECRET=hunter2\"]\n");
    assertThat(out(run("U_V", "inspect web db"))).contains("\"SECRET=***\"").doesNotContain("hunter2");
  }

  @Test
  void formatAndScope() {
    Result scoped = run("U_P", "inspect -f '{{.Name}}' web db");
    assertThat(out(scoped)).isEqualTo("/web\n");
    assertThat(scoped.errors()).containsExactly("Error: No such object: db");
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("inspect-json container bbb222")).contains("inspect-json image db");
    assertThat(out(run("U_A", "inspect --format '{{.State.Status}} {{.Name}}' web db"))).isEqualTo("running /web\nexited /db\n");
    assertThat(service.submit(slack("U_A"), "inspect -f '{{.Nope}}' web", ProgressListener.IGNORE))
        .isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message())
            .isEqualTo("template parsing error: template: :1:2: executing \"\" at <.Nope>: map has no entry for key \"Nope\""));
  }

  /** Case i08: {@code -s} asks the engine for a container's sizes (SizeRw, SizeRootFs); an image's document has its own. */
  @Test
  void sizeFlagAsksTheEngineForContainerSizes() {
    assertThat(language.parse("inspect -s web")).isEqualTo(new Inspect(List.of("web"), null, null, null, true));
    assertThat(language.parse("inspect --size web")).isEqualTo(new Inspect(List.of("web"), null, null, null, true));
    Inspect i = new Inspect(List.of("web", "db"), null, "{{.Name}}", null, true);
    assertThat(language.parse(language.describe(i))).isEqualTo(i);
    assertThat(out(run("U_V", "inspect -s -f '{{.SizeRw}} {{.SizeRootFs}}' web"))).isEqualTo("0 1240000\n");
    assertThat(out(run("U_V", "inspect -s web db"))).contains("\"SizeRw\": 0,").contains("\"SizeRootFs\": 1240000");
    assertThat(out(run("U_V", "inspect web db"))).doesNotContain("SizeRw");
    assertThat(engine.calls()).containsSubsequence("inspect-json container aaa111 size=true", "inspect-json container aaa111 size=false");
  }
}
