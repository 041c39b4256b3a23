package io.berth.bot.discord;

import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.Result;
import io.berth.core.result.StatsSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the core's outcome into a Discord message: short output in a code block, long output as a
 * text attachment with its tail shown inline, confirmations with Confirm/Cancel buttons. Every
 * piece of text passes through {@link MentionGuard}.
 */
final class OutcomeFormatter {
  /** Discord accepts 10 MiB per upload for bots without boosts; stay under it. */
  static final int MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;
  private static final String FENCE = "```";
  private static final PlainTextRenderer RENDERER = new PlainTextRenderer();

  private OutcomeFormatter() {}

  static DiscordReply format(Outcome outcome) {
    if (outcome instanceof Outcome.Succeeded s) return succeeded(s.result());
    if (outcome instanceof Outcome.Denied d) return DiscordReply.text(clip("⛔ Denied: " + MentionGuard.neutralize(d.reason())));
    if (outcome instanceof Outcome.Failed f) {
      String head = f.kind() == Failure.CONFIRMATION ? "" : "❌ " + f.kind().name().toLowerCase().replace('_', ' ') + ": ";
      return DiscordReply.text(clip(head + MentionGuard.neutralize(f.message())));
    }
    Outcome.ConfirmationRequired c = (Outcome.ConfirmationRequired) outcome;
    String text = "⚠️ " + MentionGuard.neutralize(c.prompt()) + "\nConfirm before <t:" + c.expiresAt().getEpochSecond() + ":t>.";
    return new DiscordReply(clip(text), null,
        List.of(new DiscordReply.Action(ButtonIds.confirm(c.token()), "Confirm", true),
            new DiscordReply.Action(ButtonIds.cancel(c.token()), "Cancel", false)),
        false);
  }

  private static DiscordReply succeeded(Result result) {
    List<DiscordReply.Action> actions = new ArrayList<>();
    String container = quickActionTarget(result);
    if (container != null) {
      actions.add(new DiscordReply.Action(ButtonIds.logs(container), "Logs", false));
      actions.add(new DiscordReply.Action(ButtonIds.restart(container), "Restart", false));
    }
    String text = result == null ? "Done.\n" : RENDERER.render(result);
    return withOutput("", text, actionName(result), actions);
  }

  /** A message with a header and command output: inline when it fits, else attached with its tail inline. */
  static DiscordReply withOutput(String header, String output, String fileStem, List<DiscordReply.Action> actions) {
    String safeHeader = MentionGuard.neutralize(header);
    String body = fence(MentionGuard.neutralize(output));
    String prefix = safeHeader.isEmpty() ? "" : safeHeader + "\n";
    if (prefix.length() + body.length() <= DiscordReply.MAX_CONTENT) {
      return new DiscordReply(prefix + body, null, actions, false);
    }
    byte[] data = output.getBytes(StandardCharsets.UTF_8);
    boolean cut = data.length > MAX_ATTACHMENT_BYTES;
    if (cut) data = tailBytes(output, MAX_ATTACHMENT_BYTES);
    long lines = output.lines().count();
    String note = (cut ? "Output over 8 MiB: the attachment holds its end." : "Full output (" + lines + " lines) attached.")
        + " Last lines:\n";
    int room = DiscordReply.MAX_CONTENT - prefix.length() - note.length() - 2 * FENCE.length() - 2;
    String tail = MentionGuard.neutralize(tailLines(output, Math.max(room, 0)));
    if (tail.length() > room) tail = tail.substring(tail.length() - Math.max(room, 0));
    String content = prefix + note + FENCE + "\n" + escapeFence(tail) + FENCE;
    if (content.length() > DiscordReply.MAX_CONTENT) content = content.substring(0, DiscordReply.MAX_CONTENT);
    return new DiscordReply(content, new DiscordReply.Attachment(fileStem + ".txt", data), actions, false);
  }

  private static String fence(String text) {
    String t = escapeFence(text.endsWith("\n") ? text : text + "\n");
    return FENCE + "\n" + t + FENCE;
  }

  /** A ``` inside output would end the code block early. */
  private static String escapeFence(String text) {
    return text.replace(FENCE, "`\u200B``");
  }

  /** Whole lines from the end of {@code text} fitting in {@code room} chars (after escaping). */
  private static String tailLines(String text, int room) {
    List<String> lines = text.lines().toList();
    StringBuilder sb = new StringBuilder();
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = MentionGuard.neutralize(lines.get(i)) + "\n";
      if (escapeFence(line).length() + sb.length() > room) break;
      sb.insert(0, lines.get(i) + "\n");
    }
    return sb.toString();
  }

  private static byte[] tailBytes(String text, int max) {
    byte[] all = text.getBytes(StandardCharsets.UTF_8);
    int from = all.length - max;
    while (from < all.length && (all[from] & 0xC0) == 0x80) from++; // do not split a UTF-8 character
    return java.util.Arrays.copyOfRange(all, from, all.length);
  }

  private static String clip(String text) {
    return text.length() <= DiscordReply.MAX_CONTENT ? text : text.substring(0, DiscordReply.MAX_CONTENT - 1) + "…";
  }

  private static String quickActionTarget(Result result) {
    if (result instanceof ContainerChanged c && !"rm".equals(c.action())) return c.containerId();
    if (result instanceof ContainerDetails d) return d.summary().id();
    if (result instanceof StatsSnapshot s) return s.containerId();
    return null;
  }

  private static String actionName(Result result) {
    if (result == null) return "output";
    String simple = result.getClass().getSimpleName();
    return simple.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
  }
}
