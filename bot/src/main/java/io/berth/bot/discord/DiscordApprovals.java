package io.berth.bot.discord;

import io.berth.bot.chat.ApprovalBoard;
import io.berth.bot.chat.Reply;
import io.berth.core.model.Source;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Discord's side of the shared {@link ApprovalBoard}: a held request's message is sent to the
 * channel and edited by its id (an ended request keeps its text and loses its buttons). Which
 * channels, and when to post or edit, are the board's; the board's thread may block on Discord.
 */
final class DiscordApprovals implements ApprovalBoard.Surface<DiscordApprovals.Posted> {

  /** A posted message: its channel and id. */
  record Posted(String channel, String message) {}

  /** Discord's ids are snowflakes: what the store gives back is checked before it names a REST path. */
  private static final java.util.regex.Pattern SNOWFLAKE = java.util.regex.Pattern.compile("\\d{1,20}");

  private final Supplier<JDA> jda;

  DiscordApprovals(Supplier<JDA> jda) {
    this.jda = jda;
  }

  @Override
  public Source platform() {
    return DiscordCommandListener.DISCORD;
  }

  @Override
  public Posted post(String channel, Reply reply) {
    return new Posted(channel, channel(channel).sendMessage(DiscordMessages.toMessage(DiscordRenderer.render(reply)))
        .complete().getId());
  }

  @Override
  public void edit(Posted posted, Reply reply) {
    // from the whole message: components the new text has none of (an ended request) are cleared
    channel(posted.channel()).editMessageById(posted.message(),
        MessageEditData.fromCreateData(DiscordMessages.toMessage(DiscordRenderer.render(reply)))).complete();
  }

  @Override
  public String keep(Posted posted) {
    return ApprovalBoard.Surface.keepText(posted.channel(), posted.message());
  }

  @Override
  public Posted kept(String text) {
    return ApprovalBoard.Surface.keptText(text, SNOWFLAKE.asMatchPredicate(), Posted::new);
  }

  /** Only the leader runs the Discord bot: it edits what an earlier leader posted too. */
  @Override
  public boolean soleBoard() {
    return true;
  }

  /** Connected: the gateway session is ready, so the channels are known (a post before that would be lost). */
  @Override
  public boolean ready() {
    JDA j = jda.get();
    return j != null && j.getStatus() == JDA.Status.CONNECTED;
  }

  private MessageChannel channel(String id) {
    JDA j = jda.get();
    if (j == null) throw new IllegalStateException("not connected");
    MessageChannel c = j.getChannelById(MessageChannel.class, id);
    if (c == null) throw new IllegalStateException("channel " + id + " is not visible to the bot (wrong id, or the bot is"
        + " not in that server)");
    return c;
  }
}
