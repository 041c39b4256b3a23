package io.berth.bot.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.berth.bot.chat.Audience;
import io.berth.bot.chat.Button;
import io.berth.bot.chat.OutputCut;
import io.berth.bot.chat.Reply;
import io.berth.bot.chat.Tone;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the shared {@link Reply} as a Slack message within Block Kit's limits: at most 50
 * blocks, 3,000 characters per section text, 25 elements per actions block. What to say is the
 * chat layer's; this only knows mrkdwn, blocks and Slack's numbers.
 */
final class BlockKitRenderer {
  static final int MAX_BLOCKS = 50;
  static final int MAX_SECTION_CHARS = 3000;
  static final int MAX_ACTION_ELEMENTS = 25;
  /** Room for the fence and a little slack inside one section. */
  static final int CODE_BUDGET = MAX_SECTION_CHARS - 100;
  /** Output longer than this many code sections is cut and attached instead of split. */
  static final int MAX_CODE_SECTIONS = 4;
  static final int MAX_BUTTON_BLOCKS = 4;

  static final String PREFIX = "berth_";
  static final String CONFIRM = actionId(Button.Action.CONFIRM);
  static final String CANCEL = actionId(Button.Action.CANCEL);
  static final String LOGS = actionId(Button.Action.LOGS);
  static final String RESTART = actionId(Button.Action.RESTART);
  /** Every action id Berth puts on a message: {@code berth_<action>} plus {@code :n} where one message has several. */
  static final String ACTION_PATTERN = "^" + PREFIX + "(" + Button.Action.idPattern() + ")(:\\d+)?$";

  private final boolean resultsEphemeral;

  /** @param resultsInChannel {@code slack.resultsVisibility}: false shows even results only to the caller */
  BlockKitRenderer(boolean resultsInChannel) {
    this.resultsEphemeral = !resultsInChannel;
  }

  boolean resultsInChannel() {
    return !resultsEphemeral;
  }

  static String actionId(Button.Action action) {
    return PREFIX + action.id();
  }

  SlackMessage render(Reply reply) {
    if (reply instanceof Reply.Notice n) return simple(emoji(n.tone()) + n.text(), ephemeral(n.audience()));
    if (reply instanceof Reply.Prompt p) return prompt(p);
    if (reply instanceof Reply.Output o) return output(o);
    if (reply instanceof Reply.AlertMessage a) return alert(a);
    return progress((Reply.Progress) reply);
  }

  private boolean ephemeral(Audience audience) {
    return audience == Audience.CALLER || resultsEphemeral;
  }

  private static String emoji(Tone tone) {
    return switch (tone) {
      case DONE -> ":white_check_mark: ";
      case INFO -> "";
      case DENIED -> ":no_entry: ";
      case FAILED, WARNING -> ":warning: ";
      case CANCELLED -> ":leftwards_arrow_with_hook: ";
    };
  }

  private SlackMessage output(Reply.Output o) {
    List<LayoutBlock> blocks = new ArrayList<>();
    if (o.echo() != null && o.requester() != null) {
      blocks.add(context("<@" + escape(o.requester()) + "> ran `" + escape(oneLine(o.echo())) + "`"));
    }
    if (o.heading() != null) {
      String h = o.tone() == Tone.INFO ? "*" + escape(o.heading()) + "*" : emoji(o.tone()) + escape(o.heading());
      blocks.add(section(h));
    }
    boolean cut = o.output() != null && addCode(blocks, o.output(), o.fileName(), o.keepEnd());
    addButtons(blocks, o.buttons(), "actions");
    String fallback = o.heading() != null ? o.heading() : firstLine(o.output() == null ? "" : o.output());
    SlackMessage.FileAttachment file = null;
    if (cut) {
      OutputCut.Attachment a = OutputCut.attachment(o.fileName(), o.output());
      file = new SlackMessage.FileAttachment(a.fileName(), a.fileName(), a.text());
    }
    return new SlackMessage(fallback, blocks, ephemeral(o.audience()), file);
  }

  private SlackMessage alert(Reply.AlertMessage a) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(":rotating_light: " + escape(a.headline())));
    if (!a.lastLines().isEmpty()) addCode(blocks, String.join("\n", a.lastLines()), "last-lines.txt", true);
    addButtons(blocks, a.buttons(), "alert_actions");
    return new SlackMessage(a.headline(), blocks, false, null);
  }

  private SlackMessage prompt(Reply.Prompt p) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(":warning: " + escape(p.text())));
    String who = p.requester() == null ? "Requested in the console or another surface" : "Requested by <@" + escape(p.requester()) + ">";
    blocks.add(context(who + ". " + p.deadline() + " " + p.expiresAt() + ". " + p.whoMayAnswer()));
    List<BlockElement> buttons = new ArrayList<>();
    for (Button b : p.buttons()) {
      buttons.add(button(b.label(), actionId(b.action()), b.argument(), b.action().destructive() ? "danger" : null));
    }
    blocks.add(ActionsBlock.builder().blockId("berth_confirmation").elements(buttons).build());
    return new SlackMessage(p.text(), blocks, ephemeral(p.audience()), null);
  }

  private static SlackMessage progress(Reply.Progress p) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(":hourglass_flowing_sand: " + escape(p.title())));
    String body = p.body().length() > CODE_BUDGET ? p.body().substring(p.body().length() - CODE_BUDGET) : p.body();
    blocks.add(section("```" + escapeCode(body.isEmpty() ? "…" : body) + "```"));
    return new SlackMessage(p.title(), blocks, false, null);
  }

  /**
   * Buttons in actions blocks of at most 24 elements, at most {@link #MAX_BUTTON_BLOCKS} blocks;
   * what does not fit is left off with a note. Each action id is {@code berth_<action>:<n>}.
   */
  private static void addButtons(List<LayoutBlock> blocks, List<Button> buttons, String blockId) {
    if (buttons.isEmpty()) return;
    List<BlockElement> current = new ArrayList<>();
    int blockNo = 0;
    int shown = 0;
    java.util.Map<Button.Action, Integer> seen = new java.util.EnumMap<>(Button.Action.class);
    for (Button b : buttons) {
      if (blockNo >= MAX_BUTTON_BLOCKS || blocks.size() + 2 > MAX_BLOCKS) break;
      int n = seen.merge(b.action(), 1, Integer::sum) - 1; // unique per message, as Slack requires
      current.add(button(b.label(), actionId(b.action()) + ":" + n, b.argument(), null));
      shown++;
      if (current.size() >= MAX_ACTION_ELEMENTS - 1) {
        blocks.add(ActionsBlock.builder().blockId(blockId + "_" + blockNo++).elements(current).build());
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty() && blocks.size() + 2 <= MAX_BLOCKS) {
      blocks.add(ActionsBlock.builder().blockId(blockId + "_" + blockNo).elements(current).build());
    }
    if (shown < buttons.size()) {
      blocks.add(context("Quick actions shown for the first " + shown / 2 + " containers."));
    }
  }

  /**
   * Adds the text as code blocks. Returns true when it had to be cut (then a note says the whole
   * of it is attached); {@code tail} keeps the end (logs) rather than the start.
   */
  boolean addCode(List<LayoutBlock> blocks, String text, String fileName, boolean tail) {
    List<String> chunks = chunk(escapeCode(text.isEmpty() ? "(no output)" : text));
    int room = Math.min(MAX_CODE_SECTIONS, MAX_BLOCKS - blocks.size() - 4);
    if (chunks.size() <= room) {
      for (String c : chunks) blocks.add(section("```" + c + "```"));
      return false;
    }
    OutputCut.Cut cut = OutputCut.fit(text, CODE_BUDGET, tail, fileName, l -> escapeCode(l).length());
    blocks.add(context(escape(cut.note())));
    blocks.add(section("```" + escapeCode(cut.shown()) + "```"));
    return true;
  }

  /** Splits at line ends into pieces of at most CODE_BUDGET chars; over-long lines are hard-split. */
  static List<String> chunk(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      while (line.length() > CODE_BUDGET) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        out.add(line.substring(0, CODE_BUDGET));
        line = line.substring(CODE_BUDGET);
      }
      if (cur.length() + line.length() + 1 > CODE_BUDGET) {
        out.add(cur.toString());
        cur.setLength(0);
      }
      if (cur.length() > 0) cur.append('\n');
      cur.append(line);
    }
    if (cur.length() > 0 || out.isEmpty()) out.add(cur.toString());
    // Trailing newline leaves an empty last chunk; drop it unless it is the only one.
    if (out.size() > 1 && out.get(out.size() - 1).isBlank()) out.remove(out.size() - 1);
    return out;
  }

  static SlackMessage simple(String mrkdwn, boolean ephemeral) {
    String safe = escape(mrkdwn);
    return new SlackMessage(mrkdwn, List.of(section(truncate(safe))), ephemeral, null);
  }

  static SectionBlock section(String mrkdwn) {
    return SectionBlock.builder().text(MarkdownTextObject.builder().text(truncate(mrkdwn)).build()).build();
  }

  static ContextBlock context(String mrkdwn) {
    return ContextBlock.builder().elements(List.of(MarkdownTextObject.builder().text(truncate(mrkdwn)).build())).build();
  }

  static ButtonElement button(String text, String actionId, String value, String style) {
    return ButtonElement.builder()
        .text(PlainTextObject.builder().text(label(text)).emoji(false).build())
        .actionId(actionId).value(value).style(style).build();
  }

  /** Escapes Slack's three control characters; keeps our own :emoji: and *bold*. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Escaped, and a ``` inside output cannot close our fence early. */
  static String escapeCode(String s) {
    return escape(s).replace("```", "`\u200b``");
  }

  private static String truncate(String s) {
    return s.length() <= MAX_SECTION_CHARS ? s : s.substring(0, MAX_SECTION_CHARS - 1) + "…";
  }

  private static String label(String s) {
    return s.length() <= 75 ? s : s.substring(0, 74) + "…";
  }

  private static String oneLine(String s) {
    String l = s.replace('\n', ' ').replace("`", "'");
    return l.length() > 200 ? l.substring(0, 199) + "…" : l;
  }

  private static String firstLine(String s) {
    String l = s.lines().findFirst().orElse("");
    return l.length() > 150 ? l.substring(0, 149) + "…" : l;
  }
}
