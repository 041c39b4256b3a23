package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BerthCommandTest {
  @Test
  void aCallThatNamesASubcommandBuildsOnlyThatOne() {
    assertThat(BerthCommand.commandLine("docker", "ps", "-a").getSubcommands()).containsOnlyKeys("docker");
    assertThat(BerthCommand.commandLine("audit", "verify").getSubcommands()).containsOnlyKeys("audit");
    assertThat(BerthCommand.commandLine("audit", "verify").getSubcommands().get("audit").getSubcommands())
        .containsKeys("verify", "export", "tail", "archive");
  }

  @Test
  void usageAndMistakesStillSeeEverySubcommandInOrder() {
    for (String[] args : new String[][] {{}, {"--help"}, {"dokcer", "ps"}}) {
      assertThat(BerthCommand.commandLine(args).getSubcommands().keySet())
          .containsExactly("serve", "docker", "audit", "config", "hash-password");
    }
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "dokcer", "ps");
    assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("Unmatched arguments").contains("docker");
  }

  @Test
  void dockerTextAfterTheSubcommandIsStillTheCommandsOwn() {
    StringWriter out = new StringWriter();
    // `-a` is ps's flag, not the launcher's: help for ps, answered without any configuration or engine
    int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "docker", "help", "ps");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("ps");
  }

  @Test
  void startupTraceIsOnlyOnWhenAsked() {
    assertThat(StartupTrace.isOn(null)).isFalse();
    assertThat(StartupTrace.isOn("")).isFalse();
    assertThat(StartupTrace.isOn("0")).isFalse();
    assertThat(StartupTrace.isOn("false")).isFalse();
    assertThat(StartupTrace.isOn("1")).isTrue();
  }
}
