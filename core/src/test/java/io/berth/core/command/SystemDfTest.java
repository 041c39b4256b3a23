package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code system df}: docker's table; refused to a caller with a limited scope (the totals count every container). */
class SystemDfTest {
  final CommandFixture f = new CommandFixture();

  @Test
  void dockersSpellingAndTable() {
    assertThat(f.language.parse("system df")).isEqualTo(new SystemDf());
    assertThat(f.language.describe(new SystemDf())).isEqualTo("system df");
    assertThat(f.render(f.submit("U_V", "docker system df"))).isEqualTo("""
        TYPE      TOTAL     ACTIVE    SIZE      RECLAIMABLE
        Images    2         1         2.00MB    1.00MB (50%)
        """);
    assertThat(f.audit.entries()).extracting(e -> e.action()).contains("system df");
  }

  @Test
  void reclaimableHasNoPercentForTheBuildCacheOrAnEmptyTotal() {
    String text = new SystemDf.Usage(List.of(new SystemDf.Row("Local Volumes", 0, 0, 0, 0, true),
        new SystemDf.Row("Build Cache", 3, 0, 3000, 3000, false))).text(new PlainTextRenderer());
    // docker's tabwriter: every column at least 10 wide (n06 in the conformance measurements)
    assertThat(text).contains("Local Volumes   0         0         0B        0B\n")
        .contains("Build Cache     3         0         3.00kB    3.00kB\n");
  }

  @Test
  void aScopedUserIsRefused() {
    assertThat(f.submit("U_P", "system df")).isInstanceOfSatisfying(Outcome.Failed.class,
        fl -> assertThat(fl.message()).contains("your scope holds only some"));
    assertThat(f.engine.calls()).doesNotContain("df");
  }
}
