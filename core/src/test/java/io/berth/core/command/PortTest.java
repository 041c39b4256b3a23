package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import org.junit.jupiter.api.Test;

/** {@code port CONTAINER [PRIVATE_PORT[/PROTO]]}: docker's lines, sorted; a missing port is docker's error. */
class PortTest {
  final CommandFixture f = new CommandFixture();

  PortTest() {
    f.engine.withPorts("aaa111", new Port.Mapping(8080, "tcp", "0.0.0.0", "18080"),
        new Port.Mapping(80, "tcp", "0.0.0.0", "8080"), new Port.Mapping(80, "tcp", "::", "8080"),
        new Port.Mapping(53, "udp", "127.0.0.1", "5353"));
  }

  @Test
  void parses() {
    assertThat(f.language.parse("port web")).isEqualTo(new Port("web", null, null));
    assertThat(f.language.parse("port web 80")).isEqualTo(new Port("web", 80, "tcp"));
    assertThat(f.language.parse("port web 53/udp")).isEqualTo(new Port("web", 53, "udp"));
    assertThat(f.language.describe(new Port("web", 80, null))).isEqualTo("port web 80/tcp");
    assertThatThrownBy(() -> f.language.parse("port web 80/xyz")).hasMessageContaining("bad port \"80/xyz\"");
    assertThatThrownBy(() -> f.language.parse("port web 70000")).hasMessageContaining("ports are 1..65535");
  }

  @Test
  void listsEveryBindingAsDockerDoes() {
    assertThat(f.render(f.submit("U_V", "port web"))).isEqualTo("""
        53/udp -> 127.0.0.1:5353
        80/tcp -> 0.0.0.0:8080
        80/tcp -> [::]:8080
        8080/tcp -> 0.0.0.0:18080
        """);
    assertThat(f.render(f.submit("U_V", "port web 80"))).isEqualTo("0.0.0.0:8080\n[::]:8080\n");
  }

  @Test
  void anUnpublishedPortIsDockersErrorAndScopeApplies() {
    assertThat(f.submit("U_V", "port web 81/tcp")).isInstanceOfSatisfying(Outcome.Failed.class, fl -> {
      assertThat(fl.kind()).isEqualTo(Failure.NOT_FOUND);
      assertThat(fl.message()).isEqualTo("No public port '81/tcp' published for web");
    });
    assertThat(f.submit("U_P", "port db")).isInstanceOfSatisfying(Outcome.Failed.class,
        fl -> assertThat(fl.message()).isEqualTo("No such container: db"));
  }
}
