package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code top CONTAINER [ps OPTIONS]}: viewer, ps words held to ps's characters, docker's table. */
class TopTest {
  final CommandFixture f = new CommandFixture();

  @Test
  void psOptionsAfterTheContainerBelongToPs() {
    assertThat(f.language.parse("top web")).isEqualTo(new Top("web", List.of()));
    assertThat(f.language.parse("top web -o pid,comm")).isEqualTo(new Top("web", List.of("-o", "pid,comm")));
    assertThat(f.language.parse("container top web aux")).isEqualTo(new Top("web", List.of("aux")));
    Top t = new Top("web", List.of("-o", "pid,comm"));
    assertThat(f.language.parse(f.language.describe(t))).isEqualTo(t);
  }

  @Test
  void wordsOutsidePsOptionsAreRefused() {
    assertThatThrownBy(() -> f.language.parse("top web '-o pid;reboot'")).hasMessageContaining("bad ps option");
    assertThatThrownBy(() -> f.language.parse("top web /etc/passwd")).hasMessageContaining("bad ps option \"/etc/passwd\"");
  }

  @Test
  void viewerSeesDockersTableAndScopeApplies() {
    assertThat(f.render(f.submit("U_V", "top web"))).isEqualTo(
        "UID                 PID                 CMD\n"
            + "root                1                   sleep 300\n");
    assertThat(f.engine.calls()).contains("top aaa111 ");
    assertThat(f.submit("U_P", "top db")).isInstanceOf(Outcome.Failed.class);
  }

  @Test
  void aColumnWiderThanTwentyGetsThreeSpaces() {
    String text = new Top.Processes(List.of("PID", "COMMAND"), List.of(List.of("123456789012345678901", "x")))
        .text(new PlainTextRenderer());
    assertThat(text).isEqualTo("PID                     COMMAND\n123456789012345678901   x\n");
  }
}
