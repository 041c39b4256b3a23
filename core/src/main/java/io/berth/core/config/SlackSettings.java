package io.berth.core.config;

import java.util.List;

/**
 * Slack app settings. {@code mode} is {@code http} or {@code socket}; {@code apiUrl} null means
 * Slack's own ({@code https://slack.com/api/}) unless {@code SLACK_API_URL} is set (the loader
 * resolves the environment); {@code resultsVisibility} is {@code in_channel} or {@code ephemeral};
 * {@code groupRefresh} is how often the user groups named in {@code policy.groups} are re-read
 * (events re-read a group at once).
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
    java.time.Duration groupRefresh) {
  public static final String DEFAULT_API_URL = "https://slack.com/api/";
  public static final java.time.Duration DEFAULT_GROUP_REFRESH = java.time.Duration.ofMinutes(5);
  public static final SlackSettings DEFAULTS = new SlackSettings(false, "http", "/docker",
      Secret.ref("SLACK_SIGNING_SECRET", null), Secret.ref("SLACK_BOT_TOKEN", null),
      Secret.ref("SLACK_APP_TOKEN", null), null, "in_channel", List.of(), DEFAULT_GROUP_REFRESH);

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
}
