package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.result.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docker's management forms are the catalog's commands: one grammar, one name for policy and audit. */
class ManagementFormsTest {
  final CommandFixture f = new CommandFixture();

  @Test
  void formsParseToTheSameRequests() {
    assertThat(f.language.parse("container ls -a")).isEqualTo(f.language.parse("ps -a"));
    assertThat(f.language.parse("docker container list")).isEqualTo(f.language.parse("ps"));
    assertThat(f.language.parse("container stop web")).isEqualTo(f.language.parse("stop web"));
    assertThat(f.language.parse("container kill -s HUP web")).isEqualTo(f.language.parse("kill -s HUP web"));
    assertThat(f.language.parse("image ls")).isEqualTo(f.language.parse("images"));
    assertThat(f.language.parse("image rm app:1")).isEqualTo(f.language.parse("rmi app:1"));
    assertThat(f.language.parse("image pull app:1")).isEqualTo(f.language.parse("pull app:1"));
    assertThat(f.language.parse("Container PRUNE")).isEqualTo(f.language.parse("container prune"));
    assertThat(f.language.parse("help container prune")).isEqualTo(new Help("container prune"));
    assertThat(f.language.parse("container prune --help")).isEqualTo(new Help("container prune"));
    assertThat(f.language.help("container prune")).contains("container prune [-f]");
  }

  @Test
  void unknownFormsNameWhatTheGroupHas() {
    assertThatThrownBy(() -> f.language.parse("container frobnicate"))
        .hasMessageStartingWith("unknown command \"container frobnicate\"; container has: ls, ps, list,")
        .hasMessageContaining("prune");
    assertThatThrownBy(() -> f.language.parse("image")).hasMessageStartingWith("image: name a subcommand; image has: ls");
  }

  @Test
  void helpOfAGroupListsItsSubcommandsAsDockerDoes() {
    assertThat(f.language.parse("help network")).isEqualTo(new Help("network"));
    assertThat(f.language.parse("help container")).isEqualTo(new Help("container"));
    assertThat(f.language.help("network")).startsWith("Usage: network COMMAND")
        .contains("  ls ", "  inspect ", "  create ", "  rm ");
    // aliases of an entry already listed are left out, as in docker's own group help
    assertThat(f.language.help("container")).contains("  ls ", "  prune ").doesNotContain("  list ", "  ps ");
    assertThatThrownBy(() -> f.language.parse("help frobnicate")).hasMessageStartingWith("help: unknown command \"frobnicate\"");
  }

  @Test
  void theAuditShowsTheCatalogNameAndTheTextAsTyped() {
    Outcome o = f.submit("U_V", "container ls");
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    assertThat(f.audit.entries()).allSatisfy(e -> {
      assertThat(e.action()).isEqualTo("ps");
      assertThat(e.commandText()).isEqualTo("container ls");
    });
    assertThat(f.submit("U_V", "image rm app:1")).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("may not run rmi"));
  }

  @Test
  void everyGroupSubEntryIsReachable() {
    for (String name : Catalog.names()) {
      if (!name.contains(" ")) continue;
      List<String> words = List.of(name.substring(0, name.indexOf(' ')), name.substring(name.indexOf(' ') + 1));
      assertThat(ManagementForms.normalize(words)).containsExactly(name);
    }
  }
}
