package io.berth.app;

import static io.berth.app.EventsFollowIT.berthDocker;
import static io.berth.app.EventsFollowIT.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.testing.TestEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./berth docker run -it IMAGE sh} on a real pseudo-terminal (drive-pty.py plays the person, as for
 * {@code exec -it}): a new container's shell takes what is typed, its size and resize, Ctrl-C, and its exit code
 * is ours; {@code --rm} leaves nothing; the session is recorded and audited as a run; without a terminal, docker's
 * refusal.
 */
class RunInteractiveCliIT {
  final TestEngine env = new TestEngine("run-it");
  @TempDir Path dir;

  @AfterEach
  void cleanUp() {
    env.close();
  }

  private Path config() throws Exception {
    return PtySession.config(dir);
  }

  @Test
  void runItOnATerminalIsAnInteractiveRecordedShellAndRmLeavesNoContainer() throws Exception {
    Path config = config();
    String name = env.name("shell");
    PtySession session = PtySession.drive(config, List.of("run", "-it", "--rm", "--name", name, "-l", "berth.test=true",
        TestEngine.BUSYBOX, "sh"), Map.of("DRIVE_EXIT", "5"));
    String shown = session.shown();
    assertThat(session.exit()).as("the container's exit code, as ours").isEqualTo(5);
    assertThat(shown).contains("30 100", "40 120", "typed-42", "after-2");

    // --rm: gone when the session returned, as docker's
    String left = EventsFollowIT.run("docker", "ps", "-aq", "--filter", "name=" + name);
    assertThat(left.strip()).as("containers left by run -it --rm").isEmpty();

    List<Path> casts = PtySession.recordings(config);
    assertThat(casts).hasSize(1);
    assertThat(PtySession.replayedOutput(casts.get(0))).as("replayed output").isEqualTo(shown);
    String found = InteractiveExecCliIT.berth(config, "audit", "export", "--format", "jsonl", "--text", "typed-$((6*7))");
    assertThat(found).contains("terminal ended: exit code 5").contains(casts.get(0).getFileName().toString())
        .contains("run --name " + name);
  }

  @Test
  void withoutATerminalItRefusesAsDockerDoes() throws Exception {
    Path config = config();
    String name = env.name("notty");
    List<String> args = List.of("run", "-it", "--rm", "--name", name, "-l", "berth.test=true", TestEngine.BUSYBOX, "sh");
    InteractiveExecCliIT.Result docker = InteractiveExecCliIT.result(command(List.of("docker"), args));
    InteractiveExecCliIT.Result berth = InteractiveExecCliIT.result(command(berthDocker(config), args));
    assertThat(docker).isEqualTo(new InteractiveExecCliIT.Result(1, "", "the input device is not a TTY\n"));
    assertThat(berth).isEqualTo(docker);
  }
}
