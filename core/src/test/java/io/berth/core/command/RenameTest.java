package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.result.Outcome;
import org.junit.jupiter.api.Test;

/** {@code rename CONTAINER NEW_NAME}: operator; NEW_NAME by docker's grammar; the container stays in scope. */
class RenameTest {
  final CommandFixture f = new CommandFixture();

  @Test
  void newNameFollowsDockersGrammar() {
    assertThat(f.language.parse("rename web web2")).isEqualTo(new Rename("web", "web2"));
    assertThat(f.language.parse("container rename web web2")).isEqualTo(new Rename("web", "web2"));
    assertThatThrownBy(() -> f.language.parse("rename web ../x")).hasMessageContaining("bad container name \"../x\"");
    assertThatThrownBy(() -> f.language.parse("rename web")).hasMessageContaining("missing NEW_NAME");
    assertThatThrownBy(() -> new Rename("web", "-x")).hasMessageContaining("Invalid container name (-x)");
  }

  @Test
  void operatorRenamesByIdSilentlyAsDocker() {
    Outcome o = f.submit("U_O", "rename web web2");
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    assertThat(f.render(o)).isEmpty();
    assertThat(f.engine.mutatingCalls()).containsExactly("rename aaa111 web2");
    assertThat(f.audit.entries()).allSatisfy(e -> assertThat(e.target()).isEqualTo("web"));
    assertThat(f.audit.entries().get(0).commandText()).isEqualTo("rename web web2");
  }

  @Test
  void aNameScopedUserCannotRenameAContainerOutOfTheirScope() {
    f.engine.with("ddd444", "pay-api", "running", java.util.Map.of());
    assertThat(f.submit("U_S", "rename pay-api pay-api2")).isInstanceOf(Outcome.Succeeded.class);
    assertThat(f.submit("U_S", "rename pay-api2 elsewhere")).isInstanceOfSatisfying(Outcome.Failed.class,
        fl -> assertThat(fl.message()).contains("may not be called elsewhere").contains("policy scope"));
    assertThat(f.submit("U_S", "rename db pay-db")).isInstanceOfSatisfying(Outcome.Failed.class,
        fl -> assertThat(fl.message()).isEqualTo("No such container: db\nError: failed to rename container named db"));
    assertThat(f.engine.mutatingCalls()).containsExactly("rename ddd444 pay-api2");
  }

  /** Case rn02: a container that is not there fails as docker's: the daemon's line, then the CLI's naming it as given. */
  @Test
  void aMissingContainerFailsWithDockersSecondLine() {
    assertThat(f.submit("U_O", "rename nosuch other")).isInstanceOfSatisfying(Outcome.Failed.class, fl -> {
      assertThat(fl.kind()).isEqualTo(io.berth.core.result.Failure.NOT_FOUND);
      assertThat(fl.message()).isEqualTo("No such container: nosuch\nError: failed to rename container named nosuch");
    });
    assertThat(f.engine.mutatingCalls()).isEmpty();
  }
}
