package io.berth.bot.discord;

import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/** Builds JDA message data from a {@link DiscordReply}; mentions are switched off per message too. */
final class DiscordMessages {
  private DiscordMessages() {}

  static MessageCreateData toMessage(DiscordReply reply) {
    MessageCreateBuilder b = new MessageCreateBuilder()
        .setContent(reply.content())
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
    if (!reply.buttons().isEmpty()) b.setComponents(rows(buttons(reply.buttons())));
    if (reply.attachment() != null) {
      b.setFiles(FileUpload.fromData(reply.attachment().data(), reply.attachment().fileName()));
    }
    return b.build();
  }

  private static List<ActionRow> rows(List<Button> buttons) {
    List<ActionRow> rows = new java.util.ArrayList<>();
    for (int i = 0; i < buttons.size(); i += DiscordReply.BUTTONS_PER_ROW) {
      rows.add(ActionRow.of(buttons.subList(i, Math.min(buttons.size(), i + DiscordReply.BUTTONS_PER_ROW))));
    }
    return rows;
  }

  private static List<Button> buttons(List<DiscordReply.Action> actions) {
    return actions.stream()
        .map(a -> a.danger() ? Button.danger(a.id(), a.label()) : Button.secondary(a.id(), a.label()))
        .toList();
  }
}
