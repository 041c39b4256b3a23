package io.berth.bot.discord;

import io.berth.core.config.NotifySettings;
import io.berth.core.notify.Alert;
import io.berth.core.notify.AlertDetector;
import io.berth.core.result.ContainerEvent;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Container alerts for the Discord notify channels: the core's {@link AlertDetector} decides what
 * is worth a message (and de-duplicates and rate-limits); this turns an alert into a message with
 * Logs and Restart buttons, which go through the core like any command when pressed.
 */
final class AlertNotifier implements Consumer<ContainerEvent> {
  private final AlertDetector detector;
  private final Consumer<DiscordReply> poster;

  AlertNotifier(NotifySettings settings, Clock clock, Consumer<DiscordReply> poster) {
    this.detector = new AlertDetector(AlertDetector.kinds(settings.events()), settings.dedupeWindow(),
        settings.maxPerMinute(), clock);
    this.poster = poster;
  }

  @Override
  public void accept(ContainerEvent event) {
    Alert alert;
    synchronized (detector) {
      alert = detector.accept(event).orElse(null);
    }
    if (alert != null) poster.accept(message(alert));
  }

  static DiscordReply message(Alert a) {
    String name = a.containerName() == null || a.containerName().isBlank() ? a.containerId() : a.containerName();
    String header = "🚨 Container **" + escapeMarkdown(name) + "** " + a.summary()
        + " (<t:" + a.time().getEpochSecond() + ":T>)";
    List<DiscordReply.Action> buttons = List.of(
        new DiscordReply.Action(ButtonIds.logs(a.containerId()), "Logs", false),
        new DiscordReply.Action(ButtonIds.restart(a.containerId()), "Restart", false));
    if (a.lastLogLines().isEmpty()) {
      String text = MentionGuard.neutralize(header);
      return new DiscordReply(text.length() > DiscordReply.MAX_CONTENT ? text.substring(0, DiscordReply.MAX_CONTENT) : text,
          null, buttons, false);
    }
    return OutcomeFormatter.withOutput(header, String.join("\n", a.lastLogLines()), "alert", buttons);
  }

  private static String escapeMarkdown(String s) {
    return s.replaceAll("([*_~`|>\\\\])", "\\\\$1");
  }
}
