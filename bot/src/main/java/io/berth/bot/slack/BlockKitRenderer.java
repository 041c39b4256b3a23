package io.berth.bot.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.HelpText;
import io.berth.core.result.ImageList;
import io.berth.core.result.LogOutput;
import io.berth.core.result.Outcome;
import io.berth.core.result.Result;
import io.berth.core.result.RunOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an {@link Outcome} into a Slack message within Block Kit's limits: at most 50 blocks,
 * 3,000 characters per section text, 25 elements per actions block. Output that does not fit
 * is cut with a note and attached whole as a file.
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

  static final String CONFIRM = "berth_confirm";
  static final String CANCEL = "berth_cancel";
  static final String LOGS = "berth_logs";
  static final String RESTART = "berth_restart";

  private final boolean resultsEphemeral;
  private final PlainTextRenderer plain;

  BlockKitRenderer(boolean resultsInChannel, PlainTextRenderer plain) {
    this.resultsEphemeral = !resultsInChannel;
    this.plain = plain;
  }

  boolean resultsInChannel() {
    return !resultsEphemeral;
  }

  SlackMessage render(Outcome outcome, String commandText, String userId) {
    if (outcome instanceof Outcome.Denied d) {
      return simple(":no_entry: Denied: " + d.reason(), true);
    }
    if (outcome instanceof Outcome.Failed f) {
      return simple(":warning: " + f.message(), true);
    }
    if (outcome instanceof Outcome.ConfirmationRequired c) {
      return confirmation(c, userId);
    }
    Result result = ((Outcome.Succeeded) outcome).result();
    List<LayoutBlock> blocks = new ArrayList<>();
    if (commandText != null && userId != null && !(result instanceof HelpText)) {
      blocks.add(context("<@" + escape(userId) + "> ran `" + escape(oneLine(commandText)) + "`"));
    }
    if (result instanceof HelpText help) {
      boolean cut = addCode(blocks, help.text(), "help.txt", false);
      return new SlackMessage(firstLine(help.text()), blocks, true,
          cut ? new SlackMessage.FileAttachment("help.txt", "help.txt", help.text()) : null);
    }
    if (result instanceof ContainerChanged c) {
      String verb = c.changed() ? "done" : "no change";
      blocks.add(section(":white_check_mark: `" + escape(c.action()) + "` " + escape(c.name()) + " (" + verb + ")"));
      return new SlackMessage(c.action() + " " + c.name(), blocks, resultsEphemeral, null);
    }
    String text = plain.render(result);
    String fileName = fileName(result);
    boolean tail = result instanceof LogOutput;
    if (result instanceof ContainerList list) {
      blocks.add(section(list.containers().isEmpty() ? "No containers." : "*" + list.containers().size() + " container(s)*"));
    } else if (result instanceof ImageList list) {
      blocks.add(section("*" + list.images().size() + " image(s)*"));
    }
    boolean cut = addCode(blocks, text, fileName, tail);
    if (result instanceof ContainerList list) {
      addRowButtons(blocks, list.containers());
    }
    return new SlackMessage(firstLine(text), blocks, resultsEphemeral, cut ? new SlackMessage.FileAttachment(fileName, fileName, text) : null);
  }

  /** Container alert for notification channels, with [Logs] [Restart]. */
  SlackMessage alert(String headline, String containerName, List<String> lastLines) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(":rotating_light: " + escape(headline)));
    if (!lastLines.isEmpty()) {
      addCode(blocks, String.join("\n", lastLines), "last-lines.txt", true);
    }
    List<BlockElement> buttons = List.of(
        button("Logs", LOGS + ":0", containerName, null),
        button("Restart", RESTART + ":0", containerName, null));
    blocks.add(ActionsBlock.builder().blockId("alert_actions").elements(buttons).build());
    return new SlackMessage(headline, blocks, false, null);
  }

  private SlackMessage confirmation(Outcome.ConfirmationRequired c, String userId) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(":warning: " + escape(c.prompt())));
    blocks.add(context("Requested by <@" + escape(userId == null ? "?" : userId) + ">; expires " + c.expiresAt()
        + ". Only the requester or an admin can confirm."));
    blocks.add(ActionsBlock.builder().blockId("berth_confirmation").elements(List.of(
        button("Confirm", CONFIRM, c.token(), "danger"),
        button("Cancel", CANCEL, c.token(), null))).build());
    return new SlackMessage(c.prompt(), blocks, resultsEphemeral, null);
  }

  private void addRowButtons(List<LayoutBlock> blocks, List<ContainerSummary> containers) {
    List<BlockElement> current = new ArrayList<>();
    int blockNo = 0;
    int shown = 0;
    for (ContainerSummary c : containers) {
      if (blockNo >= MAX_BUTTON_BLOCKS || blocks.size() + 2 > MAX_BLOCKS) break;
      current.add(button(label("Logs " + c.name()), LOGS + ":" + shown, c.name(), null));
      current.add(button(label("Restart " + c.name()), RESTART + ":" + shown, c.name(), null));
      shown++;
      if (current.size() + 2 > MAX_ACTION_ELEMENTS - 1) {
        blocks.add(ActionsBlock.builder().blockId("ps_actions_" + blockNo++).elements(current).build());
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty() && blocks.size() + 2 <= MAX_BLOCKS) {
      blocks.add(ActionsBlock.builder().blockId("ps_actions_" + blockNo).elements(current).build());
    }
    if (shown < containers.size()) {
      blocks.add(context("Quick actions shown for the first " + shown + " containers."));
    }
  }

  /**
   * Adds the text as code blocks. Returns true when it had to be cut (then a note says the whole
   * of it is attached as {@code fileName}); {@code tail} keeps the end (logs) rather than the start.
   */
  boolean addCode(List<LayoutBlock> blocks, String text, String fileName, boolean tail) {
    List<String> chunks = chunk(escapeCode(text.isEmpty() ? "(no output)" : text));
    int room = Math.min(MAX_CODE_SECTIONS, MAX_BLOCKS - blocks.size() - 4);
    if (chunks.size() <= room) {
      for (String c : chunks) blocks.add(section("```" + c + "```"));
      return false;
    }
    String shownPart = tail ? chunks.get(chunks.size() - 1) : chunks.get(0);
    long totalLines = text.lines().count();
    long shownLines = shownPart.lines().count();
    blocks.add(context("Output is " + totalLines + " lines; showing the " + (tail ? "last " : "first ") + shownLines
        + ". The whole of it is attached as `" + escape(fileName) + "`."));
    blocks.add(section("```" + shownPart + "```"));
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

  private static String fileName(Result r) {
    if (r instanceof LogOutput l) return "logs-" + safeName(l.container()) + ".txt";
    if (r instanceof ExecOutput e) return "exec-" + safeName(e.container()) + ".txt";
    if (r instanceof RunOutput run) return "run-" + safeName(run.name() == null ? run.containerId() : run.name()) + ".txt";
    return "output.txt";
  }

  private static String safeName(String s) {
    return s == null ? "container" : s.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
