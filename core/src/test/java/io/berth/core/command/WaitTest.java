package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.command.Permission;
import io.berth.core.result.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code wait CONTAINER...}: a read (it only waits), one exit code per line. */
class WaitTest {
  final CommandFixture f = new CommandFixture();

  @Test
  void parsesAndIsARead() {
    assertThat(f.language.parse("wait web old")).isEqualTo(new Wait(List.of("web", "old")));
    assertThat(f.language.parse("container wait web")).isEqualTo(new Wait(List.of("web")));
    assertThatThrownBy(() -> f.language.parse("wait")).hasMessageContaining("wait: missing CONTAINER");
    assertThat(Wait.SPEC.permission()).isEqualTo(Permission.READ);
  }

  @Test
  void viewerWaitsForEachAndGetsTheirCodes() {
    Outcome o = f.submit("U_V", "wait web old");
    assertThat(f.render(o)).isEqualTo("0\n0\n");
    assertThat(f.engine.calls()).contains("wait aaa111", "wait ccc333");
    assertThat(f.submit("U_P", "wait db")).isInstanceOf(Outcome.Failed.class);
  }
}
