package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack from issue 9, through {@code ./berth docker}: a user scoped to {@code mine-*} hides
 * an Engine API path in an image reference ({@code rmi -f x/../../containers/VICTIM}) to remove a
 * running container (or a volume) outside the scope. The reference must be refused with docker's
 * {@code invalid reference format} before any engine call, and the victim must survive.
 */
class EnginePathAttackIT {
  @TempDir Path dir;
  Path config;
  final String suffix = UUID.randomUUID().toString().substring(0, 8);
  final String victim = "berth-victim-" + suffix;
  final String volume = "berth-victim-vol-" + suffix;
  final List<String> created = new ArrayList<>();

  @BeforeEach
  void scopedUserAndARunningVictim() throws Exception {
    config = dir.resolve("berth.yml");
    Files.writeString(config, """
        data:
          dir: %s
        policy:
          users:
            mallory: { role: admin, identities: { cli: ["%s"] }, scope: { names: ["mine-*"] } }
        """.formatted(dir.resolve("data"), System.getProperty("user.name")));
    assertThat(sh("docker", "run", "-d", "--name", victim, "--label", "berth.test=true",
        "berth-test/busybox:latest", "sleep", "300")).isZero();
    created.add(victim);
    assertThat(sh("docker", "volume", "create", "--label", "berth.test=true", volume)).isZero();
  }

  @AfterEach
  void removeWhatTheTestMade() throws Exception {
    for (String c : created) sh("docker", "rm", "-f", c);
    sh("docker", "volume", "rm", "-f", volume);
  }

  @Test
  void imageReferenceWithAPathToAContainerIsRefusedAndTheVictimKeepsRunning() throws Exception {
    for (String crafted : List.of(
        "x/../../containers/" + victim,
        "../containers/" + victim + "?force=1",
        "x%2F..%2F..%2Fcontainers%2F" + victim)) {
      DockerCommandIT.Result r = DockerCommandIT.berth("docker", "--config", config.toString(), "--yes", "rmi", "-f", crafted); // isolation: refused before any engine call
      assertThat(r.code()).as(crafted + ": " + r.out() + r.err()).isEqualTo(1); // docker: invalid reference, rc 1
      assertThat(r.err()).as(crafted).contains("invalid reference format");
    }
    assertThat(running(victim)).as("the out-of-scope victim survives").isTrue();
  }

  @Test
  void imageReferenceWithAPathToAVolumeIsRefusedAndTheVolumeSurvives() throws Exception {
    DockerCommandIT.Result r = DockerCommandIT.berth("docker", "--config", config.toString(), "--yes", "rmi", // isolation: refused before any engine call
        "x/../../volumes/" + volume);
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).contains("invalid reference format");
    assertThat(sh("docker", "volume", "inspect", volume)).as("the volume survives").isZero();
  }

  @Test
  void uppercaseRepositoryIsRefusedInDockersWords() {
    DockerCommandIT.Result r = DockerCommandIT.berth("docker", "--config", config.toString(), "pull",
        "localhost:5000/Conf/UPPER");
    assertThat(r.code()).isEqualTo(1); // docker pull: rc 1
    assertThat(r.err()).contains("invalid reference format: repository name must be lowercase")
        .doesNotContain("com.github").doesNotContain("Exception");
  }

  private static boolean running(String name) throws Exception {
    Process p = new ProcessBuilder("docker", "inspect", "-f", "{{.State.Running}}", name).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    p.waitFor(30, TimeUnit.SECONDS);
    return out.equals("true");
  }

  static int sh(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
