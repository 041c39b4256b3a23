package io.berth.bot.discord;

import java.util.Map;

/**
 * Where JDA talks to: REST base URL and gateway URL, from the config file, else the environment
 * ({@code DISCORD_API_URL}, {@code DISCORD_GATEWAY_URL}), else Discord's own.
 */
record DiscordEndpoints(String apiUrl, String gatewayUrl) {
  static final String DISCORD_API = "https://discord.com/api/v10/";
  static final String DISCORD_GATEWAY = "wss://gateway.discord.gg";

  DiscordEndpoints {
    if (!apiUrl.endsWith("/")) apiUrl = apiUrl + "/"; // JDA appends routes like "users/@me"
    if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
      throw new IllegalArgumentException("discord.apiUrl must be an http(s) URL, got " + apiUrl);
    }
    if (!gatewayUrl.startsWith("ws://") && !gatewayUrl.startsWith("wss://")) {
      throw new IllegalArgumentException("discord.gatewayUrl must be a ws(s) URL, got " + gatewayUrl);
    }
  }

  static DiscordEndpoints resolve(DiscordSettings settings, Map<String, String> env) {
    return new DiscordEndpoints(
        firstSet(settings.apiUrl(), env.get("DISCORD_API_URL"), DISCORD_API),
        firstSet(settings.gatewayUrl(), env.get("DISCORD_GATEWAY_URL"), DISCORD_GATEWAY));
  }

  boolean isDiscords() {
    return apiUrl.equals(DISCORD_API) && gatewayUrl.equals(DISCORD_GATEWAY);
  }

  private static String firstSet(String... values) {
    for (String v : values) if (v != null && !v.isBlank()) return v.strip();
    throw new IllegalStateException("unreachable");
  }
}
