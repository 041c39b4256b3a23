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
import io.berth.core.result.Outcome;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code exec -u USER}: docker's grammar, and the same guard as {@code run -u} (policy.run.allowRootUser). */
class ExecUserTest {
  static final Caller ADA = new Caller(Source.CLI, "ada", "ada", Location.NOWHERE);
  final PicocliCommandLanguage language = new PicocliCommandLanguage();
  final RecordingContainerEngine engine = new RecordingContainerEngine().with("aaa111", "web", "running", Map.of());

  CommandService service(String run) {
    return new CommandService(language, new ConfiguredPolicy(ConfigLoader.parse(
        "policy: { users: { ada: { role: admin, identities: { cli: [ada] } } }, run: { " + run + " } }", Map.of()).policy()),
        new InMemoryAuditTrail(), engine, CoreLimits.DEFAULTS, Clock.systemUTC());
  }

  Outcome confirmed(CommandService s, String text) {
    Outcome o = s.submit(ADA, text, p -> { });
    return o instanceof Outcome.ConfirmationRequired c ? s.confirm(ADA, c.token(), p -> { }) : o;
  }

  @Test
  void parsesDescribesAndChecksTheUser() {
    assertThat(language.parse("exec -u 1000:1000 web id")).isEqualTo(new Exec("web", List.of("id"), List.of(), null, "1000:1000"));
    assertThat(language.parse("exec --user=nobody web id")).isEqualTo(new Exec("web", List.of("id"), List.of(), null, "nobody"));
    Exec e = new Exec("web", List.of("id", "-u"), List.of(), "/tmp", "1000");
    assertThat(language.parse(language.describe(e))).isEqualTo(e);
    assertThatThrownBy(() -> language.parse("exec -u 'a b' web id")).isInstanceOf(CommandSyntaxException.class)
        .hasMessageContaining("bad user \"a b\" in -u");
  }

  @Test
  void rootAndNamesAreRefusedUnlessThePolicyAllowsThem() {
    for (String user : List.of("root", "0", "1000:0", "nobody")) {
      Outcome o = confirmed(service(""), "exec -u " + user + " web id");
      assertThat(o).as(user).isInstanceOfSatisfying(Outcome.Denied.class, d -> assertThat(d.reason())
          .startsWith("exec: -u " + user + " is not allowed").contains("policy.run.allowRootUser"));
    }
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("exec"));
  }

  @Test
  void aNonRootIdRunsAndTheEngineGetsTheUser() {
    assertThat(confirmed(service(""), "exec -u 1000:1000 web id")).isInstanceOf(Outcome.Succeeded.class);
    assertThat(confirmed(service("allowRootUser: true"), "exec -u root web id")).isInstanceOf(Outcome.Succeeded.class);
    assertThat(engine.calls()).contains("exec aaa111 -u 1000:1000 id", "exec aaa111 -u root id");
  }
}
