package io.berth.bot.discord;

import io.berth.bot.chat.Button;
import io.berth.bot.chat.OutputCut;
import io.berth.bot.chat.Reply;
import io.berth.bot.chat.Tone;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the shared {@link Reply} as a Discord message: Discord markdown, the 2,000-character
 * limit, at most 5 rows of 5 buttons, long output cut by the shared {@link OutputCut} and attached.
 * Every piece of text passes through {@link MentionGuard}. What to say is the chat layer's.
 */
final class DiscordRenderer {
  private static final String FENCE = "```";

  private DiscordRenderer() {}

  static DiscordReply render(Reply reply) {
    if (reply instanceof Reply.Notice n) return DiscordReply.text(clip(emoji(n.tone()) + MentionGuard.neutralize(n.text())));
    if (reply instanceof Reply.Prompt p) {
      String text = "⚠️ " + MentionGuard.neutralize(p.text()) + "\n" + p.deadline() + " <t:" + p.expiresAt().getEpochSecond()
          + ":t>. " + p.whoMayAnswer();
      return new DiscordReply(clip(text), null, actions(p.buttons()), false);
    }
    if (reply instanceof Reply.Output o) {
      String heading = o.heading() == null ? "" : o.tone() == Tone.INFO ? "**" + escapeMarkdown(o.heading()) + "**"
          : emoji(o.tone()) + escapeMarkdown(o.heading());
      List<DiscordReply.Action> buttons = actions(o.buttons());
      if (buttons.size() < o.buttons().size()) {
        heading += (heading.isEmpty() ? "" : "\n") + "Quick actions shown for the first " + buttons.size() / 2 + " containers.";
      }
      if (o.output() == null) return new DiscordReply(clip(MentionGuard.neutralize(heading)), null, buttons, false);
      return withOutput(heading, o.output(), o.fileName(), o.keepEnd(), buttons);
    }
    if (reply instanceof Reply.AlertMessage a) {
      String header = "🚨 Container **" + escapeMarkdown(a.container()) + "** " + a.summary()
          + " (<t:" + a.time().getEpochSecond() + ":T>)";
      if (a.lastLines().isEmpty()) return new DiscordReply(clip(MentionGuard.neutralize(header)), null, actions(a.buttons()), false);
      return withOutput(header, String.join("\n", a.lastLines()), "last-lines.txt", true, actions(a.buttons()));
    }
    Reply.Progress p = (Reply.Progress) reply;
    String head = "⏳ " + MentionGuard.neutralize(p.title().replace("`", "'")) + "\n";
    int room = DiscordReply.MAX_CONTENT - head.length() - 2 * FENCE.length() - 2;
    String body = escapeFence(MentionGuard.neutralize(p.body().isEmpty() ? "…" : p.body()));
    if (body.length() > room) body = body.substring(body.length() - Math.max(room, 0));
    return DiscordReply.text(clip(head + FENCE + "\n" + body + FENCE));
  }

  private static String emoji(Tone tone) {
    return switch (tone) {
      case DONE -> "✅ ";
      case INFO -> "";
      case DENIED -> "⛔ ";
      case FAILED -> "❌ ";
      case CANCELLED -> "↩️ ";
      case WARNING -> "⚠️ ";
    };
  }

  /** Buttons that fit Discord: 5 rows of 5, custom_id within 100 chars. */
  private static List<DiscordReply.Action> actions(List<Button> buttons) {
    List<DiscordReply.Action> out = new ArrayList<>();
    for (Button b : buttons) {
      if (out.size() >= DiscordReply.MAX_BUTTONS) break;
      ButtonIds.encode(b.action(), b.argument())
          .ifPresent(id -> out.add(new DiscordReply.Action(id, label(b.label()), b.action().destructive())));
    }
    return out;
  }

  /** A message with a header and command output: inline when it fits, else cut (shared rule) with the whole attached. */
  static DiscordReply withOutput(String header, String output, String fileName, boolean keepEnd,
      List<DiscordReply.Action> actions) {
    String safeHeader = MentionGuard.neutralize(header);
    String prefix = safeHeader.isEmpty() ? "" : safeHeader + "\n";
    String body = fence(MentionGuard.neutralize(output.isEmpty() ? "(no output)" : output));
    if (prefix.length() + body.length() <= DiscordReply.MAX_CONTENT) {
      return new DiscordReply(prefix + body, null, actions, false);
    }
    OutputCut.Attachment file = OutputCut.attachment(fileName, output);
    String probeNote = OutputCut.fit(output, 0, keepEnd, fileName, l -> 0).note(); // the note's length, near enough
    int room = DiscordReply.MAX_CONTENT - prefix.length() - probeNote.length() - 16 - 2 * FENCE.length() - 2;
    OutputCut.Cut cut = OutputCut.fit(output, Math.max(room, 0), keepEnd, fileName,
        l -> escapeFence(MentionGuard.neutralize(l)).length());
    String note = cut.note() + (file.truncated() ? " (over 8 MiB: the attachment holds its end)" : "");
    String content = prefix + note + "\n" + FENCE + "\n" + escapeFence(MentionGuard.neutralize(cut.shown())) + FENCE;
    return new DiscordReply(clip(content), new DiscordReply.Attachment(file.fileName(), file.data()), actions, false);
  }

  private static String fence(String text) {
    String t = escapeFence(text.endsWith("\n") ? text : text + "\n");
    return FENCE + "\n" + t + FENCE;
  }

  /** A ``` inside output would end the code block early. */
  private static String escapeFence(String text) {
    return text.replace(FENCE, "`\u200B``");
  }

  static String escapeMarkdown(String s) {
    return MentionGuard.neutralize(s).replaceAll("([*_~`|>\\\\])", "\\\\$1");
  }

  private static String label(String s) {
    return s.length() <= 80 ? s : s.substring(0, 79) + "…";
  }

  private static String clip(String text) {
    return text.length() <= DiscordReply.MAX_CONTENT ? text : text.substring(0, DiscordReply.MAX_CONTENT - 1) + "…";
  }
}
