package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliWarmUpTest {
  @Test
  void warmsForADockerCommandThatWillBeWired() {
    assertThat(CliWarmUp.worthIt("docker", "ps", "-a")).isTrue();
    assertThat(CliWarmUp.worthIt("docker", "--config", "help", "ps")).isTrue(); // "help" is the file here
    assertThat(CliWarmUp.worthIt("docker", "--config=b.yml", "--yes", "rm", "web")).isTrue();
    assertThat(CliWarmUp.worthIt("docker", "-y", "stop", "web")).isTrue();
  }

  @Test
  void doesNotWarmForHelpOrOtherSubcommands() {
    assertThat(CliWarmUp.worthIt("docker")).isFalse();
    assertThat(CliWarmUp.worthIt("docker", "help")).isFalse();
    assertThat(CliWarmUp.worthIt("docker", "--help")).isFalse();
    assertThat(CliWarmUp.worthIt("docker", "-h")).isFalse();
    assertThat(CliWarmUp.worthIt("docker", "--config", "b.yml", "help", "run")).isFalse();
    assertThat(CliWarmUp.worthIt("docker", "--config", "b.yml")).isFalse();
    assertThat(CliWarmUp.worthIt("audit", "verify")).isFalse();
    assertThat(CliWarmUp.worthIt("--version")).isFalse();
    assertThat(CliWarmUp.worthIt()).isFalse();
  }
}
