package io.berth.bot.slack;

import io.berth.core.model.Subscription;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.LogLine;
import io.berth.core.service.CommandService;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts container alerts to the channels that opted in, with the last log lines and
 * [Logs] [Restart] buttons (which go through the core like any other button).
 */
final class SlackNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);
  static final int LAST_LINES = 10;

  private final CommandService commands;
  private final ContainerAlertDetector detector;
  private final BlockKitRenderer renderer;
  private final SlackWebApi api;
  private final List<String> channels;
  private final ExecutorService work;
  private Subscription subscription;

  SlackNotifier(CommandService commands, ContainerAlertDetector detector, BlockKitRenderer renderer, SlackWebApi api,
      List<String> channels, ExecutorService work) {
    this.commands = commands;
    this.detector = detector;
    this.renderer = renderer;
    this.api = api;
    this.channels = List.copyOf(channels);
    this.work = work;
  }

  synchronized void start() {
    if (channels.isEmpty() || subscription != null) return;
    subscription = commands.systemEvents(this::onEvent);
  }

  private void onEvent(ContainerEvent event) {
    detector.accept(event).ifPresent(alert -> work.execute(() -> post(alert)));
  }

  private void post(ContainerAlertDetector.Alert alert) {
    List<String> last;
    try {
      last = commands.recentLogs(alert.containerId(), LAST_LINES).stream().map(LogLine::text).toList();
    } catch (RuntimeException e) {
      last = List.of();
    }
    SlackMessage message = renderer.alert(alert.headline(), alert.containerName(), last);
    for (String channel : channels) {
      try {
        api.postMessage(channel, message);
      } catch (IOException | RuntimeException e) {
        log.warn("could not post alert to {}: {}", channel, e.getMessage());
      }
    }
  }

  @Override
  public synchronized void close() {
    if (subscription != null) subscription.close();
    subscription = null;
  }
}
