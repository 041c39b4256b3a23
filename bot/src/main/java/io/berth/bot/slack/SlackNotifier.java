package io.berth.bot.slack;

import io.berth.bot.chat.Conversation;
import io.berth.core.notify.Alert;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts container alerts (from the shared {@code AlertFeed}: detected once, with the last log
 * lines, de-duplicated and rate-limited) to the channels that opted in, as the chat layer words them.
 */
final class SlackNotifier implements Consumer<Alert> {
  private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);

  private final Conversation conversation;
  private final BlockKitRenderer renderer;
  private final SlackWebApi api;
  private final List<String> channels;
  private final ExecutorService work;

  SlackNotifier(Conversation conversation, BlockKitRenderer renderer, SlackWebApi api, List<String> channels,
      ExecutorService work) {
    this.conversation = conversation;
    this.renderer = renderer;
    this.api = api;
    this.channels = List.copyOf(channels);
    this.work = work;
  }

  @Override
  public void accept(Alert alert) {
    if (channels.isEmpty()) return;
    try {
      work.execute(() -> post(alert)); // never hold up the engine's event thread on Slack
    } catch (RejectedExecutionException e) {
      log.warn("alert for {} dropped: shutting down", alert.containerName());
    }
  }

  private void post(Alert alert) {
    SlackMessage message = renderer.render(conversation.alert(alert));
    for (String channel : channels) {
      try {
        api.postMessage(channel, message);
      } catch (IOException | RuntimeException e) {
        log.warn("could not post alert to {}: {}", channel, e.getMessage());
      }
    }
  }
}
