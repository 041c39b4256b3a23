package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.engine.EngineException;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.result.Failure;
import io.berth.core.testing.RecordingContainerEngine;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a {@code run} reaches besides its new container is declared by its spec ({@link CommandSpec#reaches},
 * {@link CommandSpec#reach}), so the service's one authorize step needs no knowledge of {@code run}.
 * Scope here: containers labelled team=pay; volumes used only by such containers.
 */
class RunReachTest {
  final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "web", "running", Map.of("team", "pay"))
      .with("bbb222", "db", "running", Map.of("team", "ops"))
      .withVolume("pay-data", Map.of(), "web")
      .withVolume("ops-data", Map.of(), "db");
  final Reach pam = new Reach("pam", engine, c -> "pay".equals(c.labels().get("team")),
      v -> v.usedBy().stream().allMatch(c -> "pay".equals(c.labels().get("team"))));
  final PicocliCommandLanguage language = new PicocliCommandLanguage(Clock.systemUTC());

  Run run(String text) {
    return (Run) language.parse(text);
  }

  @Test
  void joinedContainersAreWhatARunReaches() {
    assertThat(Catalog.bind(run("run --network container:web --ipc container:web busybox")).reaches())
        .containsExactly("web");
    assertThat(Catalog.bind(run("run busybox")).reaches()).isEmpty();
    assertThat(Catalog.bind(new Stop("web", null)).reaches()).isEmpty(); // a named target is not a reach
  }

  @Test
  void reachPinsEachJoinedContainerById() throws Exception {
    Run pinned = (Run) Catalog.bind(run("run --network container:web busybox")).reach(pam);
    assertThat(pinned.hostAccess().network()).isEqualTo("container:aaa111");
  }

  @Test
  void aJoinedContainerOutsideTheScopeReadsAsNotFound() {
    assertThatThrownBy(() -> Catalog.bind(run("run --pid container:db busybox")).reach(pam))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(Failure.NOT_FOUND));
  }

  @Test
  void aVolumeOfAContainerOutsideTheScopeIsRefused() throws Exception {
    assertThatThrownBy(() -> Catalog.bind(run("run -v ops-data:/data busybox")).reach(pam))
        .isInstanceOf(Reach.Refused.class)
        .hasMessage("run: volume ops-data belongs to a container outside what pam may use;"
            + " mount a volume of your own (a new name creates one)");
    // its own volume, a new name and a host path (the run guards' to decide) go ahead unchanged
    Run ok = run("run -v pay-data:/a -v fresh:/b -v /srv/x:/c busybox");
    assertThat(Catalog.bind(ok).reach(pam)).isEqualTo(ok);
  }
}
