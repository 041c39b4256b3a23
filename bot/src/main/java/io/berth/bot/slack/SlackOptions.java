package io.berth.bot.slack;

import io.berth.core.config.Secret;
import java.util.List;
import java.util.Objects;

/**
 * The Slack settings the adapter runs with, secrets resolved and checked for the chosen mode.
 * {@link #toString()} never shows a secret.
 *
 * @param mode {@code http} or {@code socket}
 * @param command slash command name including the slash, e.g. {@code /docker}
 * @param apiUrl Web API base ending in {@code /}, e.g. {@code https://slack.com/api/}
 * @param resultsInChannel true: results visible to the channel; false: only to the caller
 * @param notifyChannels channel ids that opted in to container alerts
 * @param groupRefresh how often the user groups of {@code policy.groups} are re-read
 */
public record SlackOptions(
    String mode,
    String command,
    String signingSecret,
    String botToken,
    String appToken,
    String apiUrl,
    boolean resultsInChannel,
    List<String> notifyChannels,
    java.time.Duration groupRefresh) {

  public SlackOptions {
    mode = mode == null ? "http" : mode;
    if (!mode.equals("http") && !mode.equals("socket")) {
      throw new IllegalArgumentException("slack.mode: must be http or socket, not " + mode);
    }
    command = command == null || command.isBlank() ? "/docker" : command.strip();
    if (!command.startsWith("/")) command = "/" + command;
    Objects.requireNonNull(botToken, "slack.botToken: not set (SLACK_BOT_TOKEN)");
    if (mode.equals("http") && (signingSecret == null || signingSecret.isEmpty())) {
      throw new IllegalArgumentException("slack.signingSecret: not set (SLACK_SIGNING_SECRET); required in http mode");
    }
    if (mode.equals("socket") && (appToken == null || appToken.isEmpty())) {
      throw new IllegalArgumentException("slack.appToken: not set (SLACK_APP_TOKEN); required in socket mode");
    }
    apiUrl = apiUrl == null || apiUrl.isBlank() ? SlackSettings.DEFAULT_API_URL
        : (apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
    notifyChannels = List.copyOf(notifyChannels == null ? List.of() : notifyChannels);
    groupRefresh = groupRefresh == null ? SlackSettings.DEFAULT_GROUP_REFRESH : groupRefresh;
  }

  /** User groups re-read at the default interval. */
  public SlackOptions(String mode, String command, String signingSecret, String botToken, String appToken, String apiUrl,
      boolean resultsInChannel, List<String> notifyChannels) {
    this(mode, command, signingSecret, botToken, appToken, apiUrl, resultsInChannel, notifyChannels, null);
  }

  /** From the loaded configuration (secrets already resolved by the loader). */
  public static SlackOptions from(SlackSettings s) {
    return new SlackOptions(s.mode(), s.command(), value(s.signingSecret()), value(s.botToken()),
        value(s.appToken()), s.apiUrlOrDefault(), !"ephemeral".equals(s.resultsVisibility()), s.notifyChannels(),
        s.groupRefresh());
  }

  private static String value(Secret secret) {
    return secret != null && secret.isPresent() ? secret.reveal() : null;
  }

  public boolean socketMode() {
    return mode.equals("socket");
  }

  @Override
  public String toString() {
    return "SlackOptions[mode=" + mode + ", command=" + command + ", apiUrl=" + apiUrl
        + ", resultsInChannel=" + resultsInChannel + ", notifyChannels=" + notifyChannels
        + ", signingSecret=***, botToken=***, appToken=***]";
  }
}
