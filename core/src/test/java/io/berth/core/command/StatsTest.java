package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.berth.core.result.StatsSnapshot;
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

/** {@code stats}: several containers, none (every running one in scope), docker's columns and units, --format. */
class StatsTest {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  final PicocliCommandLanguage language = new PicocliCommandLanguage(clock);
  final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111bbb222ccc333", "web", "running", Map.of("team", "pay"))
      .with("bbb222", "db", "running", Map.of("team", "ops"))
      .with("ccc333", "old", "exited", Map.of("team", "pay"));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final CommandService service = new CommandService(language, new ConfiguredPolicy(ConfigLoader.parse("""
      policy:
        users:
          vera: { role: viewer, slack: [U_V] }
          pam:  { role: viewer, slack: [U_P], scope: { labels: { team: pay } } }
      """, Map.of()).policy()), audit, engine, CoreLimits.DEFAULTS, clock);

  static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  String text(String command, String user) {
    Outcome o = service.submit(slack(user), command, ProgressListener.IGNORE);
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    return new PlainTextRenderer(clock).render(o);
  }

  @Test
  void parsesSeveralContainersNoneAndAFormat() {
    assertThat(language.parse("stats --no-stream")).isEqualTo(new Stats(List.of(), null, false, null));
    assertThat(language.parse("stats --no-stream -a")).isEqualTo(new Stats(List.of(), null, true, null));
    assertThat(language.parse("stats --no-stream web db")).isEqualTo(new Stats(List.of("web", "db"), null, false, null));
    assertThat(language.parse("stats --format {{.Name}} web")).isEqualTo(new Stats(List.of("web"), null, false, "{{.Name}}"));
    assertThat(language.parse("stats web")).isEqualTo(new Stats("web"));
    for (Stats s : List.of(new Stats(List.of("web", "db"), null, true, "table {{.Name}}\\t{{.NetIO}}"), new Stats("web"))) {
      assertThat(language.parse(language.describe(s))).isEqualTo(s);
    }
    assertThatThrownBy(() -> language.parse("stats --format '{{.Name' web")).isInstanceOf(CommandSyntaxException.class)
        .hasMessageContaining("template parsing error");
  }

  @Test
  void severalContainersPrintDockersColumnsInDockersUnits() {
    assertThat(text("stats --no-stream web db", "U_V")).isEqualTo("""
        CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O         BLOCK I/O        PIDS
        aaa111bbb222   web       0.50%     328KiB / 23.54GiB   0.00%     1.02kB / 280B   4.1kB / 1.23MB   1
        bbb222         db        0.50%     328KiB / 23.54GiB   0.00%     1.02kB / 280B   4.1kB / 1.23MB   1
        """);
    assertThat(engine.calls()).contains("stats aaa111bbb222ccc333", "stats bbb222");
  }

  @Test
  void oneContainerIsStillOneSampleWithTheIoColumns() {
    Outcome o = service.submit(slack("U_V"), "stats web", ProgressListener.IGNORE);
    assertThat(o).isInstanceOfSatisfying(Outcome.Succeeded.class, s -> assertThat(s.result()).isInstanceOf(StatsSnapshot.class));
    assertThat(new PlainTextRenderer(clock).render(o)).startsWith(
        "CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O         BLOCK I/O        PIDS\n");
  }

  @Test
  void noContainerMeansEveryRunningOneInTheCallersScope() {
    assertThat(text("stats --no-stream --format {{.Container}}:{{.Name}}", "U_V")).isEqualTo("aaa111bbb222:web\nbbb222:db\n");
    assertThat(text("stats --no-stream --format {{.Name}}", "U_P")).isEqualTo("web\n");
    assertThat(text("stats --no-stream -a --format {{.Name}}", "U_P")).isEqualTo("web\nold\n");
  }

  @Test
  void formatHasDockersStatsFields() {
    assertThat(text("stats --format '{{.Container}}|{{.Name}}|{{.ID}}|{{.CPUPerc}}|{{.MemUsage}}|{{.MemPerc}}|{{.NetIO}}|"
        + "{{.BlockIO}}|{{.PIDs}}' web", "U_V"))
        .isEqualTo("web|web|aaa111bbb222|0.50%|328KiB / 23.54GiB|0.00%|1.02kB / 280B|4.1kB / 1.23MB|1\n");
    assertThat(text("stats --format '{{json .}}' bbb222", "U_V")).isEqualTo("{\"BlockIO\":\"4.1kB / 1.23MB\",\"CPUPerc\":"
        + "\"0.50%\",\"Container\":\"bbb222\",\"ID\":\"bbb222\",\"MemPerc\":\"0.00%\",\"MemUsage\":\"328KiB / 23.54GiB\","
        + "\"Name\":\"db\",\"NetIO\":\"1.02kB / 280B\",\"PIDs\":\"1\"}\n");
    assertThat(text("stats --format 'table {{.Name}}\\t{{.PIDs}}' web", "U_V")).isEqualTo("NAME      PIDS\nweb       1\n");
    Outcome bad = service.submit(slack("U_V"), "stats --format {{.Nope}} web", ProgressListener.IGNORE);
    assertThat(bad).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("template parsing error").contains("Nope"));
  }

  @Test
  void aContainerThatCannotBeSampledFailsTheWholeCommandAsDockers() {
    Outcome o = service.submit(slack("U_P"), "stats --no-stream web db", ProgressListener.IGNORE);
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(Failure.NOT_FOUND);
      assertThat(f.message()).isEqualTo("No such container: db");
    });
    assertThat(engine.calls()).doesNotContain("stats bbb222");
  }

  /** Case t07: {@code --no-trunc} puts the whole id in the ID column, as docker's statsContext.ID. */
  @Test
  void noTruncShowsTheWholeId() {
    assertThat(language.parse("stats --no-stream --no-trunc web")).isEqualTo(new Stats(List.of("web"), null, false, null, true));
    Stats s = new Stats(List.of("web", "db"), null, true, "{{.ID}}", true);
    assertThat(language.parse(language.describe(s))).isEqualTo(s);
    assertThat(text("stats --no-stream --no-trunc web", "U_V").lines().toList().get(1)).startsWith("aaa111bbb222ccc333   web ");
    assertThat(text("stats --no-stream web", "U_V").lines().toList().get(1)).startsWith("aaa111bbb222   web ");
    assertThat(text("stats --no-trunc --format '{{.ID}}' web db", "U_V")).isEqualTo("aaa111bbb222ccc333\nbbb222\n");
  }

  @Test
  void aContainerThatExitsWhileEveryOneIsSampledIsLeftOutAsDockerDoes() {
    engine.exitsWhileSampled("bbb222");
    String out = text("stats --no-stream --format '{{.Name}}'", "U_V");
    assertThat(out).isEqualTo("web\n");
  }
}
