package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.notify.AlertDetector;
import io.berth.core.notify.AlertFeed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Container alerts from real Docker events reach the opted-in channel, once, with buttons. */
class SlackNotificationIT {
  static final String ALERTS = "CALERTS";
  static SlackFixture berth;
  static TestContainers containers;
  static AlertFeed feed;

  @BeforeAll
  static void start() throws Exception {
    containers = new TestContainers();
    berth = new SlackFixture(engine -> engine, "http", List.of(ALERTS));
    feed = new AlertFeed(berth.dockerEngine, new AlertDetector(AlertDetector.kinds(List.of("die", "oom", "unhealthy", "restart-loop")),
        Duration.ofMinutes(5), 6, Clock.systemUTC()));
    feed.addSink(berth.adapter.alertSink());
    feed.start();
  }

  @AfterAll
  static void stop() {
    if (feed != null) feed.close();
    if (berth != null) berth.close();
    if (containers != null) containers.close();
  }

  @Test
  void aContainerKilledOutsideBerthProducesExactlyOneNotification() throws Exception {
    // A canary that exits non-zero proves the event stream is live before the real test begins.
    String canary = containers.name("canary");
    awaitLive(canary);

    String victim = containers.run("victim", true, "sh", "-c", "echo victim-was-here; sleep 300");
    DockerCli.Cli kill = DockerCli.docker(List.of("kill", victim), Duration.ofSeconds(30));
    assertThat(kill.exit()).isZero();

    SlackStandIn.Call alert = berth.slack.await(c -> isAlertFor(c, victim), Duration.ofSeconds(60));
    assertThat(alert.params().get("channel")).isEqualTo(ALERTS);
    String blocks = alert.blocks().toString();
    assertThat(blocks).contains("died").contains("137").contains("victim-was-here");
    assertThat(SlackHttpIT.buttonValue(alert.blocks(), BlockKitRenderer.LOGS + ":0")).isEqualTo(victim);
    assertThat(SlackHttpIT.buttonValue(alert.blocks(), BlockKitRenderer.RESTART + ":0")).isEqualTo(victim);
    SlackHttpIT.assertWithinSlackLimits(alert.blocks());

    // Removing it emits more events (destroy); none of them may notify again.
    DockerCli.docker(List.of("rm", "-f", victim), Duration.ofSeconds(30));
    String marker = containers.name("after");
    awaitLive(marker);
    assertThat(berth.slack.calls("chat.postMessage").stream().filter(c -> isAlertFor(c, victim))).hasSize(1);
  }

  private static void awaitLive(String suffixedName) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    String suffix = suffixedName.substring(containers.prefix.length());
    String name = containers.name(suffix);
    DockerCli.docker(List.of("rm", "-f", name), Duration.ofSeconds(30));
    while (System.nanoTime() < end) {
      DockerCli.docker(List.of("rm", "-f", name), Duration.ofSeconds(30));
      containers.run(suffix, false, "sh", "-c", "exit 3");
      try {
        berth.slack.await(c -> isAlertFor(c, name), Duration.ofSeconds(10));
        return;
      } catch (AssertionError notYet) {
        // the events stream was not attached yet; try again
      }
    }
    throw new AssertionError("event stream never delivered the canary's death");
  }

  private static boolean isAlertFor(SlackStandIn.Call c, String name) {
    return c.method().equals("chat.postMessage") && ALERTS.equals(c.params().get("channel"))
        && c.params().getOrDefault("blocks", "").contains(name + " ");
  }

}
