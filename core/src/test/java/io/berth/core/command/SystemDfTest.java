package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code system df}: docker's table; refused to a caller with a limited scope (the totals count every container). */
class SystemDfTest {
  final CommandFixture f = new CommandFixture();

  @Test
  void dockersSpellingAndTable() {
    assertThat(f.language.parse("system df")).isEqualTo(new SystemDf(null));
    assertThat(f.language.describe(new SystemDf(null))).isEqualTo("system df");
    assertThat(f.render(f.submit("U_V", "docker system df"))).isEqualTo("""
        TYPE      TOTAL     ACTIVE    SIZE      RECLAIMABLE
        Images    2         1         2MB       1MB (50%)
        """);
    assertThat(f.audit.entries()).extracting(e -> e.action()).contains("system df");
  }

  @Test
  void reclaimableHasNoPercentForTheBuildCacheOrAnEmptyTotal() {
    String text = new SystemDf.Usage(List.of(new SystemDf.Row("Local Volumes", 0, 0, 0, 0, true),
        new SystemDf.Row("Build Cache", 3, 0, 3000, 3000, false))).text(new PlainTextRenderer());
    // docker's tabwriter: every column at least 10 wide (n06 in the conformance measurements); units.HumanSize
    assertThat(text).contains("Local Volumes   0         0         0B        0B\n")
        .contains("Build Cache     3         0         3kB       3kB\n");
    assertThat(new SystemDf.Usage(List.of(new SystemDf.Row("Images", 2, 0, 1_985_472, 1_985_472, true)))
        .text(new PlainTextRenderer())).contains("Images    2         0         1.985MB   1.985MB (100%)\n");
  }

  @Test
  void formatHasDockersDiskUsageContext() {
    assertThat(f.render(f.submit("U_V", "system df --format '{{.Type}}: {{.TotalCount}} {{.Active}} {{.Size}} {{.Reclaimable}}'")))
        .isEqualTo("Images: 2 1 2MB 1MB (50%)\n");
    assertThat(f.render(f.submit("U_V", "system df --format 'table {{.Type}}\\t{{.Size}}'"))).isEqualTo("""
        TYPE      SIZE
        Images    2MB
        """);
    assertThat(f.render(f.submit("U_V", "system df --format json"))).isEqualTo(
        "{\"Active\":\"1\",\"Reclaimable\":\"1MB (50%)\",\"Size\":\"2MB\",\"TotalCount\":\"2\",\"Type\":\"Images\"}\n");
    SystemDf parsed = (SystemDf) f.language.parse("system df --format '{{.Type}}'");
    assertThat(parsed).isEqualTo(new SystemDf("{{.Type}}"));
    assertThat(f.language.parse(f.language.describe(parsed))).isEqualTo(parsed);
    assertThatThrownBy(() -> f.language.parse("system df --format '{{.Type'")).hasMessageContaining("template parsing error");
  }

  @Test
  void aScopedUserIsRefused() {
    assertThat(f.submit("U_P", "system df")).isInstanceOfSatisfying(Outcome.Failed.class,
        fl -> assertThat(fl.message()).contains("your scope holds only some"));
    assertThat(f.engine.calls()).doesNotContain("df");
  }
}
