package io.berth.core.config;

import java.util.List;

/**
 * Discord bot settings. {@code apiUrl}/{@code gatewayUrl} null mean Discord's own unless
 * {@code DISCORD_API_URL}/{@code DISCORD_GATEWAY_URL} are set (the loader resolves the environment).
 */
public record DiscordSettings(
    boolean enabled, Secret token, String prefix, String apiUrl, String gatewayUrl, List<String> notifyChannels) {
  public static final DiscordSettings DEFAULTS = new DiscordSettings(false, Secret.ref("DISCORD_TOKEN", null),
      "!docker", null, null, List.of());

  public DiscordSettings {
    notifyChannels = List.copyOf(notifyChannels);
  }
}
