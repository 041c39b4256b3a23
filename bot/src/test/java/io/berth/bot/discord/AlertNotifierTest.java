package io.berth.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.config.NotifySettings;
import io.berth.core.result.ContainerEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertNotifierTest {
  private final Instant now = Instant.parse("2026-11-28T01:00:00Z");
  private final List<DiscordReply> posted = new ArrayList<>();

  private AlertNotifier notifier(int maxPerMinute) {
    NotifySettings s = new NotifySettings(NotifySettings.KNOWN_EVENTS, Duration.ofMinutes(5), maxPerMinute);
    return new AlertNotifier(s, Clock.fixed(now, ZoneOffset.UTC), posted::add);
  }

  private ContainerEvent die(String id, String name) {
    return new ContainerEvent(now, id, name, "die", 1, Map.of());
  }

  @Test
  void aCrashIsPostedOnceWithLogsAndRestartButtons() {
    AlertNotifier n = notifier(6);
    n.accept(die("c1", "web"));
    n.accept(die("c1", "web"));
    assertThat(posted).hasSize(1);
    assertThat(posted.get(0).content()).contains("**web**").contains("exit code 1");
    assertThat(posted.get(0).buttons()).extracting(DiscordReply.Action::id)
        .containsExactly("berth:logs:c1", "berth:restart:c1");
  }

  @Test
  void alertsAreRateLimited() {
    AlertNotifier n = notifier(2);
    for (int i = 0; i < 5; i++) n.accept(die("c" + i, "svc" + i));
    assertThat(posted).hasSize(2);
  }

  @Test
  void containerNamesCannotPingOrFormat() {
    AlertNotifier n = notifier(6);
    n.accept(die("c9", "evil_@everyone*"));
    assertThat(posted.get(0).content()).doesNotContain("@everyone").contains("\\_").contains("\\*");
  }
}
