package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pause}/{@code unpause CONTAINER...}: operator, every container a scoped target, names printed. */
class PauseTest {
  final CommandFixture f = new CommandFixture();

  @Test
  void parsesDescribesAndHasHelp() {
    assertThat(f.language.parse("pause web db")).isEqualTo(new Pause(List.of("web", "db")));
    assertThat(f.language.parse("docker container unpause web")).isEqualTo(new Unpause(List.of("web")));
    assertThat(f.language.describe(new Unpause(List.of("web", "db")))).isEqualTo("unpause web db");
    assertThatThrownBy(() -> f.language.parse("pause")).hasMessageContaining("pause: missing CONTAINER");
    assertThatThrownBy(() -> f.language.parse("pause we/b/c")).hasMessageContaining("bad CONTAINER \"we/b/c\"");
    // CONTEXT/NAME: a container in another context (engine.endpoints)
    assertThat(f.language.parse("pause prod/web")).isEqualTo(new Pause(List.of("prod/web")));
    assertThat(f.language.help("pause")).contains("pause CONTAINER...");
  }

  @Test
  void operatorPausesEachByIdAndDockersOutputIsTheNames() {
    Outcome o = f.submit("U_O", "pause web db");
    assertThat(f.render(o)).isEqualTo("web\ndb\n");
    assertThat(f.engine.mutatingCalls()).containsExactly("pause aaa111", "pause bbb222");
    assertThat(f.render(f.submit("U_O", "unpause web"))).isEqualTo("web\n");
    assertThat(f.audit.entries()).extracting(e -> e.action()).containsExactly("pause", "pause", "unpause", "unpause");
  }

  @Test
  void viewerMayNotAndScopeHidesOtherContainers() {
    assertThat(f.submit("U_V", "pause web")).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("may not run pause; that needs role operator"));
    assertThat(f.submit("U_P", "unpause web db")).isInstanceOfSatisfying(Outcome.Failed.class, fl -> {
      assertThat(fl.kind()).isEqualTo(Failure.NOT_FOUND);
      assertThat(fl.message()).isEqualTo("No such container: db");
    });
    assertThat(f.engine.mutatingCalls()).isEmpty();
  }
}
