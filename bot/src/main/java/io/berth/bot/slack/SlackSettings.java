package io.berth.bot.slack;

import io.berth.core.config.ConfigException;
import io.berth.core.config.ConfigPrinter;
import io.berth.core.config.DurationText;
import io.berth.core.config.Secret;
import io.berth.core.config.SettingsSection;
import io.berth.core.config.YamlSection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack app settings, the configuration's {@code slack:} section ({@link #SECTION} binds it).
 * {@code mode} is {@code http} or {@code socket}; {@code apiUrl} null means Slack's own
 * ({@code https://slack.com/api/}) unless {@code SLACK_API_URL} is set (resolved when bound);
 * {@code resultsVisibility} is {@code in_channel} or {@code ephemeral}; {@code groupRefresh} is how
 * often the user groups named in {@code policy.groups} are re-read (events re-read a group at once).
 */
public record SlackSettings(
    boolean enabled,
    String mode,
    String command,
    Secret signingSecret,
    Secret botToken,
    Secret appToken,
    String apiUrl,
    String resultsVisibility,
    List<String> notifyChannels,
    Duration groupRefresh) {
  public static final String DEFAULT_API_URL = "https://slack.com/api/";
  public static final Duration DEFAULT_GROUP_REFRESH = Duration.ofMinutes(5);
  public static final SlackSettings DEFAULTS = new SlackSettings(false, "http", "/docker",
      Secret.ref("SLACK_SIGNING_SECRET", null), Secret.ref("SLACK_BOT_TOKEN", null),
      Secret.ref("SLACK_APP_TOKEN", null), null, "in_channel", List.of(), DEFAULT_GROUP_REFRESH);

  /** The {@code slack:} section: keys, checks and messages (with the config path), secrets from env or file only. */
  public static final SettingsSection<SlackSettings> SECTION = new SettingsSection<>() {
    @Override
    public String key() {
      return "slack";
    }

    @Override
    public SlackSettings bind(YamlSection s, Map<String, String> env) {
      s.allowOnly("enabled", "mode", "command", "signingSecret", "botToken", "appToken", "apiUrl", "resultsVisibility",
          "notifyChannels", "groupRefresh");
      SlackSettings d = DEFAULTS;
      String command = s.string("command", d.command());
      if (!command.matches("/[a-z0-9_-]{1,31}")) {
        throw new ConfigException(s.pathOf("command"), "\"" + command + "\" is not a slash command (e.g. /docker)");
      }
      return new SlackSettings(s.bool("enabled", d.enabled()), s.oneOf("mode", d.mode(), List.of("http", "socket")),
          command, s.secret("signingSecret", d.signingSecret(), env), s.secret("botToken", d.botToken(), env),
          s.secret("appToken", d.appToken(), env), s.url("apiUrl", env.get("SLACK_API_URL")),
          s.oneOf("resultsVisibility", d.resultsVisibility(), List.of("in_channel", "ephemeral")),
          s.strings("notifyChannels", d.notifyChannels()), groupRefresh(s, d.groupRefresh()));
    }

    @Override
    public Map<String, Object> print(SlackSettings s) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("enabled", s.enabled());
      m.put("mode", s.mode());
      m.put("command", s.command());
      m.put("signingSecret", ConfigPrinter.masked(s.signingSecret()));
      m.put("botToken", ConfigPrinter.masked(s.botToken()));
      m.put("appToken", ConfigPrinter.masked(s.appToken()));
      m.put("apiUrl", s.apiUrl());
      m.put("resultsVisibility", s.resultsVisibility());
      m.put("notifyChannels", s.notifyChannels());
      m.put("groupRefresh", DurationText.format(s.groupRefresh()));
      return m;
    }
  };

  public SlackSettings {
    notifyChannels = List.copyOf(notifyChannels);
    groupRefresh = groupRefresh == null ? DEFAULT_GROUP_REFRESH : groupRefresh;
  }

  /** User groups re-read every {@link #DEFAULT_GROUP_REFRESH}. */
  public SlackSettings(boolean enabled, String mode, String command, Secret signingSecret, Secret botToken,
      Secret appToken, String apiUrl, String resultsVisibility, List<String> notifyChannels) {
    this(enabled, mode, command, signingSecret, botToken, appToken, apiUrl, resultsVisibility, notifyChannels, null);
  }

  public String apiUrlOrDefault() {
    return apiUrl == null ? DEFAULT_API_URL : apiUrl;
  }

  public boolean socketMode() {
    return "socket".equals(mode);
  }

  /** How often user groups are re-read: often enough that a removal takes effect soon, not so often as to be rate-limited. */
  private static Duration groupRefresh(YamlSection s, Duration def) {
    Duration d = s.duration("groupRefresh", def);
    if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
      throw new ConfigException(s.pathOf("groupRefresh"), "between 1m and 1d (events refresh a group at once; this is the safety net)");
    }
    return d;
  }
}
