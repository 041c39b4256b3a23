package io.berth.bot.discord;

import io.berth.core.config.ConfigException;
import io.berth.core.config.ConfigPrinter;
import io.berth.core.config.Secret;
import io.berth.core.config.SettingsSection;
import io.berth.core.config.YamlSection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discord bot settings, the configuration's {@code discord:} section ({@link #SECTION} binds it).
 * {@code apiUrl}/{@code gatewayUrl} null mean Discord's own unless {@code DISCORD_API_URL}/
 * {@code DISCORD_GATEWAY_URL} are set (resolved when bound).
 */
public record DiscordSettings(
    boolean enabled, Secret token, String prefix, String apiUrl, String gatewayUrl, List<String> notifyChannels) {
  public static final DiscordSettings DEFAULTS = new DiscordSettings(false, Secret.ref("DISCORD_TOKEN", null),
      "!docker", null, null, List.of());

  /** The {@code discord:} section: keys, checks and messages (with the config path), the token from env or file only. */
  public static final SettingsSection<DiscordSettings> SECTION = new SettingsSection<>() {
    @Override
    public String key() {
      return "discord";
    }

    @Override
    public DiscordSettings bind(YamlSection s, Map<String, String> env) {
      s.allowOnly("enabled", "token", "prefix", "apiUrl", "gatewayUrl", "notifyChannels");
      DiscordSettings d = DEFAULTS;
      String prefix = s.string("prefix", d.prefix());
      if (prefix.isBlank() || prefix.contains(" ")) {
        throw new ConfigException(s.pathOf("prefix"), "must be one word without spaces (e.g. !docker)");
      }
      return new DiscordSettings(s.bool("enabled", d.enabled()), s.secret("token", d.token(), env), prefix,
          s.url("apiUrl", env.get("DISCORD_API_URL")), s.url("gatewayUrl", env.get("DISCORD_GATEWAY_URL")),
          s.strings("notifyChannels", d.notifyChannels()));
    }

    @Override
    public Map<String, Object> print(DiscordSettings dc) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("enabled", dc.enabled());
      m.put("token", ConfigPrinter.masked(dc.token()));
      m.put("prefix", dc.prefix());
      m.put("apiUrl", dc.apiUrl());
      m.put("gatewayUrl", dc.gatewayUrl());
      m.put("notifyChannels", dc.notifyChannels());
      return m;
    }
  };

  public DiscordSettings {
    notifyChannels = List.copyOf(notifyChannels);
  }
}
