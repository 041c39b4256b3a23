package io.berth.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.config.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscordEndpointsTest {
  static DiscordSettings settings(String api, String gateway) {
    return new DiscordSettings(true, Secret.absent(), "!docker", api, gateway, List.of());
  }

  @Test
  void defaultsAreDiscords() {
    DiscordEndpoints e = DiscordEndpoints.resolve(settings(null, null), Map.of());
    assertThat(e.apiUrl()).isEqualTo("https://discord.com/api/v10/");
    assertThat(e.gatewayUrl()).isEqualTo("wss://gateway.discord.gg");
    assertThat(e.isDiscords()).isTrue();
  }

  @Test
  void environmentOverridesDefaultsAndConfigOverridesEnvironment() {
    Map<String, String> env = Map.of("DISCORD_API_URL", "http://proxy:8080/api", "DISCORD_GATEWAY_URL", "ws://proxy:8081");
    DiscordEndpoints fromEnv = DiscordEndpoints.resolve(settings(null, null), env);
    assertThat(fromEnv.apiUrl()).isEqualTo("http://proxy:8080/api/");
    assertThat(fromEnv.gatewayUrl()).isEqualTo("ws://proxy:8081");

    DiscordEndpoints fromConfig = DiscordEndpoints.resolve(settings("https://cfg/api/v10/", "wss://cfg"), env);
    assertThat(fromConfig.apiUrl()).isEqualTo("https://cfg/api/v10/");
    assertThat(fromConfig.gatewayUrl()).isEqualTo("wss://cfg");
  }

  @Test
  void wrongSchemesAreRejected() {
    assertThatThrownBy(() -> DiscordEndpoints.resolve(settings("ftp://x/", null), Map.of()))
        .hasMessageContaining("discord.apiUrl");
    assertThatThrownBy(() -> DiscordEndpoints.resolve(settings(null, "http://x"), Map.of()))
        .hasMessageContaining("discord.gatewayUrl");
  }
}
