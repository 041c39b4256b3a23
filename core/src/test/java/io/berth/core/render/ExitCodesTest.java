package io.berth.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.core.command.Logs;
import io.berth.core.command.Rm;
import io.berth.core.command.Run;
import io.berth.core.command.Stop;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.result.CapturedOutput;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.RunOutput;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Exit statuses as docker's CLI gives them (docs/commands.md, "Exit codes"). */
class ExitCodesTest {
  final Run run = Run.of("berth-test/busybox");
  final Logs logs = new Logs("web", null, null, false);

  @Test
  void attachedRunAndExecExitWithTheirProcessCode() {
    assertThat(ExitCodes.of(run, ok(new RunOutput("id", "n", false, 3, CapturedOutput.EMPTY)))).isEqualTo(3);
    assertThat(ExitCodes.of(run, ok(new RunOutput("id", "n", false, null, CapturedOutput.EMPTY)))).isZero();
    assertThat(ExitCodes.of(run, ok(new ExecOutput("c", 126, CapturedOutput.EMPTY)))).isEqualTo(126);
    assertThat(ExitCodes.of(logs, ok(new ContainerChanged("stop", "id", "n", true)))).isZero();
  }

  @Test
  void runFailuresAre125ExceptCommandsThatCannotBeInvokedOrFound() {
    assertThat(ExitCodes.of(run, failed(Failure.NOT_FOUND))).isEqualTo(125);
    assertThat(ExitCodes.of(run, failed(Failure.ENGINE_UNREACHABLE))).isEqualTo(125);
    assertThat(ExitCodes.of(run, new Outcome.Denied("r", "no"))).isEqualTo(125);
    assertThat(ExitCodes.of(run, failed(Failure.CANNOT_INVOKE))).isEqualTo(126);
    assertThat(ExitCodes.of(run, failed(Failure.COMMAND_NOT_FOUND))).isEqualTo(127);
  }

  @Test
  void otherCommandsFailWith1() {
    assertThat(ExitCodes.of(logs, failed(Failure.NOT_FOUND))).isEqualTo(1);
    assertThat(ExitCodes.of(new Stop("web", null), failed(Failure.ENGINE_UNREACHABLE))).isEqualTo(1);
    assertThat(ExitCodes.of(logs, new Outcome.Denied("r", "no"))).isEqualTo(1);
    assertThat(ExitCodes.of(logs, new Outcome.ConfirmationRequired("r", "t", "sure?", Instant.EPOCH))).isEqualTo(1);
  }

  @Test
  void rmForceOfAMissingContainerSucceedsLikeDocker() {
    assertThat(ExitCodes.of(new Rm("gone", true, false), failed(Failure.NOT_FOUND))).isZero();
    assertThat(ExitCodes.of(new Rm("gone", false, false), failed(Failure.NOT_FOUND))).isEqualTo(1);
    assertThat(ExitCodes.of(new Rm("web", true, false), failed(Failure.CONFLICT))).isEqualTo(1);
  }

  @Test
  void badFlagsAre125AndBadArgumentsOrCommands1ExceptForRun() {
    assertThat(syntax("ps --bogus")).isEqualTo(125);
    assertThat(syntax("stop -t abc web")).isEqualTo(125);
    assertThat(syntax("rn")).isEqualTo(1);
    assertThat(syntax("help nosuch")).isEqualTo(1);
    assertThat(syntax("exec")).isEqualTo(1);
    assertThat(syntax("pull bad::ref")).isEqualTo(1);
    assertThat(syntax("run bad::ref")).isEqualTo(125);
    assertThat(syntax("run")).isEqualTo(125);
  }

  @Test
  void aFailedBuildStepExitsWithItsCodeAsDockersStatusError() {
    io.berth.core.command.Build build = new io.berth.core.command.Build("app:1", new io.berth.core.command.Build.Directory("ctx"));
    assertThat(ExitCodes.of(build, new Outcome.Failed("r", Failure.INVALID, "The command '/bin/sh -c exit 7' returned a "
        + "non-zero code: 7", 7))).isEqualTo(7);
    assertThat(ExitCodes.of(build, failed(Failure.INVALID))).isEqualTo(1);
  }

  @Test
  void aBadTimeIsARunTimeErrorInDockersWords() {
    assertThat(syntax("events --since bogus --until 0s")).isEqualTo(1);
    assertThat(syntax("events --since 1h --until bogus")).isEqualTo(1);
    CommandSyntaxException e = catchThrowableOfType(() -> new PicocliCommandLanguage().parse("events --since bogus"),
        CommandSyntaxException.class);
    assertThat(e.getMessage()).isEqualTo("failed to parse value as time or duration: \"bogus\"");
    assertThat(e.kind()).isEqualTo(CommandSyntaxException.Kind.VALUE);
  }

  @Test
  void anInvalidReferenceIsRefusedInDockersWordsBeforeAnyEngine() {
    CommandSyntaxException e = catchThrowableOfType(() -> new PicocliCommandLanguage().parse("pull bad::ref"),
        CommandSyntaxException.class);
    assertThat(e.getMessage()).contains("invalid reference format");
  }

  private static int syntax(String text) {
    CommandSyntaxException e = catchThrowableOfType(() -> new PicocliCommandLanguage().parse(text),
        CommandSyntaxException.class);
    assertThat(e).as(text).isNotNull();
    return ExitCodes.of(e);
  }

  private static Outcome ok(io.berth.core.result.Result r) {
    return new Outcome.Succeeded("r", r);
  }

  private static Outcome failed(Failure kind) {
    return new Outcome.Failed("r", kind, "boom");
  }
}
