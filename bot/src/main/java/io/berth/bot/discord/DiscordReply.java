package io.berth.bot.discord;

import java.util.List;
import java.util.Objects;

/**
 * One message Berth sends to Discord, independent of JDA: content within Discord's 2,000-char
 * limit, an optional text attachment for long output, and up to 25 buttons (5 rows of 5).
 */
record DiscordReply(String content, Attachment attachment, List<Action> buttons, boolean ephemeral) {
  static final int MAX_CONTENT = 2000;
  static final int MAX_BUTTONS = 25;
  static final int BUTTONS_PER_ROW = 5;

  DiscordReply {
    Objects.requireNonNull(content, "content");
    if (content.length() > MAX_CONTENT) throw new IllegalArgumentException("content over " + MAX_CONTENT + " chars");
    buttons = List.copyOf(buttons);
    if (buttons.size() > MAX_BUTTONS) throw new IllegalArgumentException("more than " + MAX_BUTTONS + " buttons");
  }

  static DiscordReply text(String content) {
    return new DiscordReply(content, null, List.of(), false);
  }

  DiscordReply asEphemeral() {
    return new DiscordReply(content, attachment, buttons, true);
  }

  /** A file sent with the message (full output that does not fit). */
  record Attachment(String fileName, byte[] data) {}

  /** A button: its custom_id, label and whether it is the destructive choice. */
  record Action(String id, String label, boolean danger) {
    Action {
      if (id.length() > ButtonIds.MAX) throw new IllegalArgumentException("custom_id over 100 chars");
    }
  }
}
