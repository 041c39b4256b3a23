package io.berth.bot.slack;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the Slack adapter needs from the configuration (the {@code slack} and {@code notify}
 * sections). Secrets arrive resolved; {@link #toString()} never shows them.
 *
 * @param mode {@code http} or {@code socket}
 * @param command slash command name including the slash, e.g. {@code /docker}
 * @param apiUrl Web API base ending in {@code /}, e.g. {@code https://slack.com/api/}
 * @param resultsInChannel true: results visible to the channel; false: only to the caller
 * @param notifyChannels channel ids that opted in to container alerts
 * @param notifyEvents alert kinds wanted: die, oom, unhealthy, restart-loop
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
    Set<String> notifyEvents,
    Duration dedupeWindow,
    int maxAlertsPerMinute) {

  public static final String DEFAULT_API_URL = "https://slack.com/api/";

  public SlackOptions {
    mode = mode == null ? "http" : mode;
    if (!mode.equals("http") && !mode.equals("socket")) {
      throw new IllegalArgumentException("slack.mode must be http or socket, not " + mode);
    }
    command = command == null || command.isBlank() ? "/docker" : command;
    if (!command.startsWith("/")) command = "/" + command;
    Objects.requireNonNull(botToken, "slack.botToken (SLACK_BOT_TOKEN) is required");
    if (mode.equals("http") && (signingSecret == null || signingSecret.isEmpty())) {
      throw new IllegalArgumentException("slack.signingSecret (SLACK_SIGNING_SECRET) is required in http mode");
    }
    if (mode.equals("socket") && (appToken == null || appToken.isEmpty())) {
      throw new IllegalArgumentException("slack.appToken (SLACK_APP_TOKEN) is required in socket mode");
    }
    apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : (apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
    notifyChannels = List.copyOf(notifyChannels == null ? List.of() : notifyChannels);
    notifyEvents = Set.copyOf(notifyEvents == null ? Set.of("die", "oom", "unhealthy", "restart-loop") : notifyEvents);
    dedupeWindow = dedupeWindow == null ? Duration.ofMinutes(5) : dedupeWindow;
    if (maxAlertsPerMinute <= 0) maxAlertsPerMinute = 6;
  }

  /** Picks the API URL as the spec says: configured value, else {@code SLACK_API_URL}, else Slack's. */
  public static String apiUrlFrom(String configured, java.util.Map<String, String> env) {
    if (configured != null && !configured.isBlank()) return configured;
    String fromEnv = env.get("SLACK_API_URL");
    return fromEnv == null || fromEnv.isBlank() ? DEFAULT_API_URL : fromEnv;
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
