package io.berth.bot.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * One rendered answer: fallback text, Block Kit blocks within Slack's limits, whether only the
 * caller sees it, and the whole output as a file when the blocks had to cut it.
 */
record SlackMessage(String text, List<LayoutBlock> blocks, boolean ephemeral, FileAttachment file) {
  SlackMessage {
    blocks = List.copyOf(blocks);
  }

  /** Full output to upload next to a cut message. */
  record FileAttachment(String filename, String title, String content) {}
}
