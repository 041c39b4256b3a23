package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.PermissiveTestPolicy;
import io.berth.core.testing.RecordingContainerEngine;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ps -s}: the engine is asked for sizes only then (or for a format using .Size), and SIZE reads as docker's. */
class PsSizeTest {
  final PicocliCommandLanguage language = new PicocliCommandLanguage();
  final RecordingContainerEngine engine = new RecordingContainerEngine().with("aaa111", "web", "running", Map.of());
  final CommandService service = new CommandService(language, new PermissiveTestPolicy(), new InMemoryAuditTrail(), engine,
      CoreLimits.DEFAULTS, Clock.systemUTC());

  String text(String command) {
    Outcome o = service.submit(new Caller(Source.CLI, "t", "t", Location.remote("t")), command, ProgressListener.IGNORE);
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    return new PlainTextRenderer().render(o);
  }

  @Test
  void parsesAndDescribesDashS() {
    assertThat(language.parse("ps -s")).isEqualTo(new Ps(false, List.of(), false, null, false, null, true));
    assertThat(language.parse("ps -a --size")).isEqualTo(new Ps(true, List.of(), false, null, false, null, true));
    Ps p = new Ps(true, List.of(), false, null, false, null, true);
    assertThat(language.parse(language.describe(p))).isEqualTo(p);
  }

  @Test
  void sizesAreAskedForOnlyWhenShown() {
    assertThat(text("ps")).doesNotContain("SIZE");
    assertThat(engine.calls()).containsExactly("list all=false");
    String[] lines = text("ps -s").split("\n");
    assertThat(lines[0]).endsWith("NAMES     SIZE");
    assertThat(lines[1]).endsWith("web       0B (virtual 1.24MB)");
    assertThat(text("ps --format {{.Size}}")).isEqualTo("0B (virtual 1.24MB)\n");
    assertThat(engine.calls()).containsExactly("list all=false", "list all=false size=true", "list all=false size=true");
  }

  /** docker finds the fields a template uses by running it: {@code json .} prints Size too; the {@code json} keyword does not. */
  @Test
  void jsonOfTheWholeRowAsksForSizesAsDocker() {
    assertThat(text("ps --format '{{json .}}'")).contains("\"Size\":\"0B (virtual 1.24MB)\"");
    assertThat(text("ps --format '{{ json . }}'")).contains("\"Size\":\"0B (virtual 1.24MB)\"");
    assertThat(text("ps --format json")).contains("\"Size\":\"0B\"");
    assertThat(engine.calls()).containsExactly("list all=false size=true", "list all=false size=true", "list all=false");
  }
}
