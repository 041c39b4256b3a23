package io.berth.bot;

import io.berth.bot.discord.DiscordSettings;
import io.berth.bot.slack.SlackSettings;
import io.berth.core.config.SettingsSection;
import java.util.List;

/**
 * The registration point of the chat platforms: each one's top-level configuration section, which
 * the launcher hands to the loader (so {@code serve} and {@code config check} bind and check them) and
 * the core never names. A new platform adds its section here.
 */
public final class ChatPlatforms {
  /** Every platform's settings section, in the order {@code config check} prints them. */
  public static final List<SettingsSection<?>> SETTINGS = List.of(SlackSettings.SECTION, DiscordSettings.SECTION);

  private ChatPlatforms() {}
}
