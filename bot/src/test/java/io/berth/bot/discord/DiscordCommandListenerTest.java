package io.berth.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class DiscordCommandListenerTest {
  private final DiscordCommandListener listener = new DiscordCommandListener(null, "!docker", Executors.newSingleThreadExecutor(),
      Executors.newSingleThreadScheduledExecutor());

  @Test
  void prefixedMessagesYieldTheCommandText() {
    assertThat(listener.commandText("!docker ps -a")).isEqualTo("ps -a");
    assertThat(listener.commandText("  !DOCKER   logs --tail 5 web ")).isEqualTo("logs --tail 5 web");
    assertThat(listener.commandText("!docker `ps -a`")).isEqualTo("ps -a");
    assertThat(listener.commandText("!docker")).isEqualTo("help");
  }

  @Test
  void otherMessagesAreNotForBerth() {
    assertThat(listener.commandText("!dockerfile ps")).isNull();
    assertThat(listener.commandText("docker ps")).isNull();
    assertThat(listener.commandText("please !docker ps")).isNull();
  }
}
