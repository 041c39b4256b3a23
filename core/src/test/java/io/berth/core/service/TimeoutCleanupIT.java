package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.command.DockerRequest;
import io.berth.core.command.Exec;
import io.berth.core.command.Run;
import io.berth.core.model.Caller;
import io.berth.core.model.Source;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.PermissiveTestPolicy;
import io.berth.core.testing.SimpleTestLanguage;
import io.berth.core.testing.TestEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * engine.runTimeout / execTimeout on the real engine (2 s / 1 s here): Berth stops waiting for an attached
 * run that outlives it, says that it is still running (docker would go on waiting), keeps its output so far,
 * and --rm stays the engine's own (removed when it exits); a timed-out exec says that its process keeps
 * running and how to end it.
 */
class TimeoutCleanupIT {
  static final Caller CALLER = new Caller(Source.CLI, "tester", "Tester", null);
  static TestEngine env;
  static CommandService core;

  @BeforeAll
  static void setUp() {
    env = new TestEngine("timeout-it");
    CoreLimits limits = new CoreLimits(Duration.ofSeconds(2), Duration.ofSeconds(1), 64 * 1024, 1000,
        List.of(Path.of("/nonexistent")), Duration.ofMinutes(5));
    core = new CommandService(new SimpleTestLanguage(), new PermissiveTestPolicy(), new InMemoryAuditTrail(),
        env.engine(), limits, Clock.systemUTC());
  }

  @AfterAll
  static void tearDown() {
    env.removeContainers();
    env.close();
  }

  static Run attached(String name, boolean rm) {
    return new Run(TestEngine.BUSYBOX, name, false, List.of(), List.of(), env.labels(), List.of(), "no", rm,
        List.of("sh", "-c", "echo started-$HOSTNAME; sleep 300"), null);
  }

  static Outcome.Failed failed(DockerRequest request) {
    Outcome o = core.execute(CALLER, request, null, p -> {});
    assertThat(o).isInstanceOf(Outcome.Failed.class);
    return (Outcome.Failed) o;
  }

  @Test
  void attachedRunPastTheTimeoutPrintsItsOutputSaysItIsStillRunningAndKeepsRmForItsExit() {
    String name = env.name("run-rm");
    Outcome.Failed f = failed(attached(name, true));
    assertThat(f.kind()).isEqualTo(Failure.TIMEOUT);
    assertThat(f.message()).contains("did not exit within 2s").contains("is still running")
        .contains("--rm: it is removed when it exits").contains("Output so far").contains("started-");
    var left = env.containers().stream().filter(c -> List.of(c.getNames()).contains("/" + name)).toList();
    assertThat(left).hasSize(1);
    assertThat(left.get(0).getState()).isEqualTo("running");
    // docker's own --rm: the engine removes it when it exits, though nobody waits for it any more
    assertThat(env.docker().inspectContainerCmd(left.get(0).getId()).exec().getHostConfig().getAutoRemove())
        .isTrue();
  }

  @Test
  void attachedRunPastTheTimeoutWithoutRmGoesOnRunning() {
    String name = env.name("run-keep");
    Outcome.Failed f = failed(attached(name, false));
    assertThat(f.kind()).isEqualTo(Failure.TIMEOUT);
    assertThat(f.message()).contains("is still running").contains("stop " + name).doesNotContain("removed");
    var left = env.containers().stream().filter(c -> List.of(c.getNames()).contains("/" + name)).toList();
    assertThat(left).hasSize(1);
    assertThat(left.get(0).getState()).isEqualTo("running");
  }

  @Test
  void execPastTheTimeoutSaysItKeepsRunningAndHowToStopIt() {
    String name = env.name("exec");
    String id = env.startOutsideBerth(name);
    Outcome.Failed f = failed(new Exec(id, List.of("sleep", "300"), List.of(), null));
    assertThat(f.kind()).isEqualTo(Failure.TIMEOUT);
    assertThat(f.message()).contains("did not finish within 1s").contains("keeps running inside container")
        .contains("kill").contains("restart the container");
  }
}
