package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.config.PolicySettings;
import io.berth.core.language.Grammar;
import io.berth.core.language.PicocliCommandLanguage;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalog is complete and every list of command names is derived from it. */
class CatalogTest {
  @Test
  void everySealedRequestTypeHasExactlyOneCatalogEntry() {
    List<Class<?>> sealed = Arrays.asList(DockerRequest.class.getPermittedSubclasses());
    List<Class<?>> registered = Catalog.specs().stream().<Class<?>>map(CommandSpec::type).toList();
    assertThat(registered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sealed);
    for (Class<?> type : sealed) {
      assertThat(Catalog.specs().stream().filter(s -> s.type() == type)).as(type.getSimpleName()).hasSize(1);
    }
  }

  @Test
  void eachSpecAgreesWithItself() {
    for (CommandSpec<?> spec : Catalog.specs()) {
      String name = Catalog.nameOf(spec);
      assertThat(Catalog.byName(name)).contains(spec);
      DockerRequest probe = spec.probe();
      assertThat(probe).isInstanceOf(spec.type());
      assertThat(Catalog.specOf(probe)).isSameAs(spec);
      assertThat(probe.action()).isEqualTo(name);
      assertThat(probe.mutates()).isEqualTo(spec.permission() != Permission.READ);
      assertThat(Grammar.nameOf(spec.grammar().getClass())).isEqualTo(name);
    }
  }

  @Test
  void everyListOfCommandNamesDerivesFromTheCatalog() {
    List<String> names = Catalog.names();
    assertThat(names).doesNotHaveDuplicates().hasSize(Catalog.specs().size());
    assertThat(PolicySettings.KNOWN_COMMANDS).isEqualTo(names);
    assertThat(PicocliCommandLanguage.commands()).isEqualTo(names);
    String overview = new PicocliCommandLanguage().help(null);
    for (String n : names) assertThat(overview).contains("  " + n + " ");
    for (Permission p : Permission.values()) {
      Set<String> expected = Catalog.specs().stream().filter(s -> s.permission().compareTo(p) <= 0)
          .map(Catalog::nameOf).collect(Collectors.toSet());
      assertThat(PolicySettings.BUILT_IN_ROLES.get(p.role())).isEqualTo(expected);
    }
    assertThat(PolicySettings.BUILT_IN_ROLES.keySet()).containsExactly("viewer", "operator", "admin");
    assertThat(PolicySettings.Confirm.DEFAULTS.commands()).isEqualTo(Catalog.specs().stream()
        .filter(CommandSpec::confirmByDefault).map(Catalog::nameOf).toList());
  }
}
