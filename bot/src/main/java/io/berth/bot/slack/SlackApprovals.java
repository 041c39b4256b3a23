package io.berth.bot.slack;

import io.berth.bot.chat.ApprovalBoard;
import io.berth.bot.chat.Reply;
import io.berth.core.model.Source;
import java.io.IOException;

/**
 * Slack's side of the shared {@link ApprovalBoard}: a held request's message is posted with
 * chat.postMessage and edited with chat.update. Which channels, and when to post or edit, are the board's.
 */
final class SlackApprovals implements ApprovalBoard.Surface<SlackApprovals.Posted> {

  /** A posted message: where, and its ts for chat.update. */
  record Posted(String channel, String ts) {}

  private final BlockKitRenderer renderer;
  private final SlackWebApi api;

  SlackApprovals(BlockKitRenderer renderer, SlackWebApi api) {
    this.renderer = renderer;
    this.api = api;
  }

  @Override
  public Source platform() {
    return SlackInteractions.SLACK;
  }

  @Override
  public Posted post(String channel, Reply reply) throws IOException {
    return new Posted(channel, api.postMessage(channel, renderer.render(reply)));
  }

  @Override
  public String keep(Posted posted) {
    return ApprovalBoard.Surface.keepText(posted.channel(), posted.ts());
  }

  @Override
  public Posted kept(String text) {
    return ApprovalBoard.Surface.keptText(text, part -> !part.isEmpty(), Posted::new);
  }

  @Override
  public void edit(Posted posted, Reply reply) throws IOException {
    api.updateMessage(posted.channel(), posted.ts(), renderer.render(reply));
  }
}
