package io.berth.bot.discord;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.config.Secret;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscordBotTest {
  @Test
  void startWithoutATokenSaysWhereItLooked() {
    DiscordSettings settings = new DiscordSettings(true, Secret.ref("DISCORD_TOKEN", Path.of("/run/secrets/discord")),
        "!docker", null, null, List.of());
    try (DiscordBot bot = new DiscordBot(null, settings, Map.of(), Clock.systemUTC())) {
      assertThatThrownBy(bot::start).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("discord.token").hasMessageContaining("env DISCORD_TOKEN")
          .hasMessageContaining("/run/secrets/discord");
    }
  }
}
