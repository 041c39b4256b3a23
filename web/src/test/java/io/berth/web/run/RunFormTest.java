package io.berth.web.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.command.Run;
import org.junit.jupiter.api.Test;

class RunFormTest {
  @Test
  void fieldsBecomeADetachedRunRequest() {
    Run r = RunForm.toRequest("localhost:5000/web:1", "web", "8080:80, 127.0.0.1:9000:9000/udp 53",
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
  void badFieldsAreNamedInTheMessage() {
    assertThatThrownBy(() -> RunForm.toRequest(" ", null, null, null, null, null, null, null)).hasMessageStartingWith("image:");
    assertThatThrownBy(() -> RunForm.toRequest("x", null, "80:http", null, null, null, null, null)).hasMessageStartingWith("ports:");
    assertThatThrownBy(() -> RunForm.toRequest("x", null, null, "NOVALUE", null, null, null, null)).hasMessageStartingWith("env:");
    assertThatThrownBy(() -> RunForm.toRequest("x", null, null, null, null, "novolume", null, null)).hasMessageStartingWith("volumes:");
    assertThatThrownBy(() -> RunForm.toRequest("x", null, null, null, null, null, "sometimes", null)).hasMessageStartingWith("restart:");
  }

  @Test
  void hostPathVolumeIsPassedOnAsABindMountForThePolicyToJudge() {
    Run r = RunForm.toRequest("x", null, null, null, null, "/etc:/host-etc", null, null);
    assertThat(r.volumes().get(0).isBindMount()).isTrue();
  }
}
