package io.berth.web.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.command.Run;
import io.berth.core.language.PicocliCommandLanguage;
import org.junit.jupiter.api.Test;

/** The form writes a command; the shared parser reads it, with the same rules as chat and the CLI. */
class RunFormTest {
  private final PicocliCommandLanguage language = new PicocliCommandLanguage();

  private Run parse(String image, String name, String ports, String env, String labels, String volumes, String restart,
      String command) {
    return (Run) language.parse(RunForm.toCommand(image, name, ports, env, labels, volumes, restart, command));
  }

  @Test
  void fieldsBecomeADetachedRunRequest() {
    Run r = parse("localhost:5000/web:1", "web", "8080:80, 127.0.0.1:9000:9000/udp 53",
        "A=1\nB=x=y\n", "team=pay\nflag", "data:/var/lib/data:ro", "unless-stopped", "sh -c 'echo hi; sleep 9'");
    assertThat(r.detach()).isTrue();
    assertThat(r.name()).isEqualTo("web");
    assertThat(r.ports()).containsExactly(new Run.PortBinding(null, 8080, 80, "tcp"),
        new Run.PortBinding("127.0.0.1", 9000, 9000, "udp"), new Run.PortBinding(null, null, 53, "tcp"));
    assertThat(r.env()).extracting(Run.EnvVar::key, Run.EnvVar::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "1"), org.assertj.core.groups.Tuple.tuple("B", "x=y"));
    assertThat(r.labels()).containsEntry("team", "pay").containsEntry("flag", "");
    assertThat(r.volumes()).containsExactly(new Run.VolumeMount("data", "/var/lib/data", true));
    assertThat(r.restartPolicy()).isEqualTo("unless-stopped");
    assertThat(r.command()).containsExactly("sh", "-c", "echo hi; sleep 9");
  }

  @Test
  void ipv6BindingsAndOnFailureWithACountWorkFromTheForm() {
    Run r = parse("img:1", null, "[::1]:8080:80", null, null, null, "on-failure:3", null);
    assertThat(r.ports()).containsExactly(new Run.PortBinding("::1", 8080, 80, "tcp"));
    assertThat(r.restartPolicy()).isEqualTo("on-failure:3");
  }

  @Test
  void valuesWithSpacesAndQuotesStayOneWord() {
    Run r = parse("img:1", null, null, "GREETING=it's a \"test\"", "note=two words", null, null, "echo 'a b'");
    assertThat(r.env().get(0).value()).isEqualTo("it's a \"test\"");
    assertThat(r.labels()).containsEntry("note", "two words");
    assertThat(r.command()).containsExactly("echo", "a b");
  }

  @Test
  void badFieldsGetTheParsersMessage() {
    assertThatThrownBy(() -> RunForm.toCommand(" ", null, null, null, null, null, null, null)).hasMessageStartingWith("image:");
    assertThatThrownBy(() -> parse("x", null, "80:http", null, null, null, null, null)).hasMessageContaining("bad port mapping \"80:http\"");
    assertThatThrownBy(() -> parse("x", null, null, "NOVALUE", null, null, null, null)).hasMessageContaining("-e NOVALUE has no value");
    assertThatThrownBy(() -> parse("x", null, null, null, null, "novolume", null, null)).hasMessageContaining("bad volume \"novolume\"");
    assertThatThrownBy(() -> parse("x", null, null, null, null, null, "sometimes", null)).hasMessageContaining("bad restart policy \"sometimes\"");
    assertThatThrownBy(() -> RunForm.toCommand("x", null, null, null, null, null, null, "echo 'oops")).hasMessageStartingWith("command:");
  }

  @Test
  void hostPathVolumeIsPassedOnAsABindMountForThePolicyToJudge() {
    Run r = parse("x", null, null, null, null, "/etc:/host-etc", null, null);
    assertThat(r.volumes().get(0).isBindMount()).isTrue();
  }

  @Test
  void processAndResourceFieldsBecomeRunSettings() {
    Run r = (Run) language.parse(RunForm.toCommand("img:1", null, null, null, null, null, null, null,
        new RunForm.Settings(" /app ", "1000:1000", "512m", "0.5")));
    assertThat(r.settings().workdir()).isEqualTo("/app");
    assertThat(r.settings().user()).isEqualTo("1000:1000");
    assertThat(r.settings().memory()).isEqualTo(512L << 20);
    assertThat(r.settings().nanoCpus()).isEqualTo(500_000_000L);
    assertThat(RunForm.toCommand("img:1", null, null, null, null, null, null, null, new RunForm.Settings("", " ", null, null)))
        .isEqualTo("run -d img:1");
    assertThatThrownBy(() -> language.parse(RunForm.toCommand("img:1", null, null, null, null, null, null, null,
        new RunForm.Settings(null, null, "lots", null)))).hasMessageContaining("--memory: invalid size");
  }
}
