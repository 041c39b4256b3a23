package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.command.Logs;
import io.berth.core.command.Run;
import io.berth.core.command.Stop;
import io.berth.core.model.Caller;
import io.berth.core.model.Source;
import io.berth.core.model.Subscription;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.LogLine;
import io.berth.core.result.Outcome;
import io.berth.core.result.RunOutput;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.PermissiveTestPolicy;
import io.berth.core.testing.SimpleTestLanguage;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Log follows hold engine connections: many of them must not starve ordinary commands, and closing
 * them must release their connections. Runs alone (counts this JVM's sockets).
 */
@Isolated
class FollowStreamsIT {
  static final Caller CALLER = new Caller(Source.CLI, "tester", "Tester", null);
  static TestEngine env;
  static CommandService core;

  @BeforeAll
  static void setUp() {
    env = new TestEngine("follow-it");
    core = new CommandService(new SimpleTestLanguage(), new PermissiveTestPolicy(), new InMemoryAuditTrail(),
        env.engine(), CoreLimits.DEFAULTS, Clock.systemUTC());
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  static <T> T ok(Outcome o, Class<T> type) {
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    return type.cast(((Outcome.Succeeded) o).result());
  }

  static void detached(String name, String... command) {
    ok(core.execute(CALLER, new Run(TestEngine.BUSYBOX, name, true, List.of(), List.of(), env.labels(), List.of(), "no",
        false, List.of(command), Run.HostAccess.NONE), null, p -> {}), RunOutput.class);
  }

  @Test
  void aStopReturnsPromptlyWhileAHundredFollowsAreOpen() throws Exception {
    String talker = env.name("talker");
    detached(talker, "sh", "-c", "while true; do echo tick; sleep 1; done");
    String victim = env.name("victim");
    detached(victim, "sleep", "300");
    long socketsBefore = openSockets();

    List<Subscription> follows = new ArrayList<>();
    List<LogLine> received = new CopyOnWriteArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        CommandService.Following f = core.followLogs(CALLER, new Logs(talker, 0, null, false), received::add);
        assertThat(f.started()).isTrue();
        follows.add(f.subscription());
      }
      Wait.until(() -> received.size() >= 100); // every follow is live
      assertThat(openSockets()).isGreaterThanOrEqualTo(socketsBefore + 90);

      long t0 = System.nanoTime();
      ContainerChanged stopped = ok(core.execute(CALLER, new Stop(victim, 1), null, p -> {}), ContainerChanged.class);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(stopped.changed()).isTrue();
      // starved, it would wait for a pooled connection until a follow ended; 30 s leaves room for a loaded machine
      assertThat(took).isLessThan(Duration.ofSeconds(30));
    } finally {
      follows.forEach(Subscription::close);
    }
    Wait.until(() -> openSockets() <= socketsBefore + 5); // connections released
  }


  /** Sockets this JVM holds open (unix or tcp): a follow that was not released keeps one. */
  static long openSockets() {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (IOException e) {
          return false;
        }
      }).count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

}
