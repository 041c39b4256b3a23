package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.ButtonElement;
import io.berth.bot.chat.Replies;
import io.berth.core.notify.Alert;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.Failure;
import io.berth.core.result.LogLine;
import io.berth.core.result.LogOutput;
import io.berth.core.result.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockKitRendererTest {
  static final Replies REPLIES = new Replies(new PlainTextRenderer());
  final BlockKitRenderer inChannel = new BlockKitRenderer(true);

  /** The outcome as the chat layer words it, rendered for Slack. */
  static SlackMessage render(BlockKitRenderer r, Outcome o, String commandText, String userId) {
    return r.render(REPLIES.of(o, userId, commandText));
  }

  static void assertWithinLimits(List<LayoutBlock> blocks) {
    assertThat(blocks).hasSizeBetween(1, BlockKitRenderer.MAX_BLOCKS);
    for (LayoutBlock b : blocks) {
      if (b instanceof SectionBlock s) assertThat(s.getText().getText().length()).isLessThanOrEqualTo(3000);
      if (b instanceof ActionsBlock a) assertThat(a.getElements()).hasSizeLessThanOrEqualTo(25);
    }
  }

  static String text(List<LayoutBlock> blocks) {
    return blocks.toString();
  }

  @Test
  void tenThousandLogLinesShowTheTailWithinLimitsAndAttachEverything() {
    List<LogLine> lines = new ArrayList<>();
    for (int i = 1; i <= 10_000; i++) lines.add(new LogLine(null, LogLine.Stream.STDOUT, "line " + i));
    SlackMessage m = render(inChannel, new Outcome.Succeeded("r", new LogOutput("web", lines, false)), "logs web", "U1");

    assertWithinLimits(m.blocks());
    assertThat(text(m.blocks())).contains("line 10000").doesNotContain("line 1\n").contains("attached");
    assertThat(m.file()).isNotNull();
    assertThat(m.file().filename()).isEqualTo("logs-web.txt");
    assertThat(m.file().content()).startsWith("line 1\n").contains("line 10000\n");
    assertThat(m.ephemeral()).isFalse();
  }

  @Test
  void mediumOutputIsSplitAcrossSectionsWithoutAFile() {
    String out = "x".repeat(80).concat("\n").repeat(100); // ~8,100 chars
    SlackMessage m = render(inChannel, new Outcome.Succeeded("r", new ExecOutput("web", 0, out, "", false)), "exec web ls", "U1");

    assertWithinLimits(m.blocks());
    assertThat(m.file()).isNull();
    assertThat(m.blocks().stream().filter(b -> b instanceof SectionBlock).count()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aSingleHugeLineIsHardSplit() {
    String out = "y".repeat(50_000);
    SlackMessage m = render(inChannel, new Outcome.Succeeded("r", new ExecOutput("web", 0, out, "", false)), "exec web cat", "U1");
    assertWithinLimits(m.blocks());
    assertThat(m.file()).isNotNull();
  }

  @Test
  void twoHundredContainersStayWithinLimitsWithRowButtons() {
    List<ContainerSummary> cs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      cs.add(new ContainerSummary("id" + i + "0123456789abcdef", "web-" + i, "nginx", "running", "Up 1 hour", List.of(),
          Instant.EPOCH, Map.of()));
    }
    SlackMessage m = render(inChannel, new Outcome.Succeeded("r", new ContainerList(cs)), "ps", "U1");

    assertWithinLimits(m.blocks());
    List<ButtonElement> buttons = m.blocks().stream().filter(b -> b instanceof ActionsBlock)
        .flatMap(b -> ((ActionsBlock) b).getElements().stream()).map(e -> (ButtonElement) e).toList();
    assertThat(buttons).isNotEmpty();
    assertThat(buttons.get(0).getActionId()).isEqualTo("berth_logs:0");
    assertThat(buttons.get(0).getValue()).isEqualTo("web-0");
    assertThat(buttons.get(1).getActionId()).isEqualTo("berth_restart:0");
    assertThat(text(m.blocks())).contains("Quick actions shown for the first");
    assertThat(m.file()).isNotNull(); // 200 rows do not fit in four sections
  }

  @Test
  void outputCannotPingTheChannelOrBreakTheCodeFence() {
    SlackMessage m = render(inChannel, new Outcome.Succeeded("r",
        new ExecOutput("web", 0, "<!channel> hi <@U1> ``` done & more", "", false)), "exec web echo", "U1");
    String all = text(m.blocks());
    assertThat(all).doesNotContain("<!channel>").contains("&lt;!channel&gt;").contains("&amp;");
    assertThat(all).doesNotContain("<@U1> ``` done");
  }

  @Test
  void denialsAndErrorsAreEphemeralResultsFollowTheSetting() {
    assertThat(render(inChannel, new Outcome.Denied("r", "no"), "rm x", "U1").ephemeral()).isTrue();
    assertThat(render(inChannel, new Outcome.Failed("r", Failure.NOT_FOUND, "No such container: x"), "logs x", "U1").ephemeral()).isTrue();
    Outcome ok = new Outcome.Succeeded("r", new ExecOutput("web", 0, "hi", "", false));
    assertThat(render(inChannel, ok, "exec web echo hi", "U1").ephemeral()).isFalse();
    assertThat(render(new BlockKitRenderer(false), ok, "exec web echo hi", "U1").ephemeral()).isTrue();
  }

  @Test
  void aConfirmationCarriesItsTokenOnConfirmAndCancel() {
    SlackMessage m = render(inChannel, new Outcome.ConfirmationRequired("r", "tok123", "Remove web?", Instant.EPOCH), "rm web", "U1");
    List<ButtonElement> buttons = m.blocks().stream().filter(b -> b instanceof ActionsBlock)
        .flatMap(b -> ((ActionsBlock) b).getElements().stream()).map(e -> (ButtonElement) e).toList();
    assertThat(buttons).extracting(ButtonElement::getActionId).containsExactly("berth_confirm", "berth_cancel");
    assertThat(buttons).extracting(ButtonElement::getValue).containsOnly("tok123");
    assertThat(text(m.blocks())).contains("Remove web?")
        .contains("Requested by <@U1>. Confirm before 1970-01-01T00:00:00Z. Only the requester or an admin can confirm.");
  }

  @Test
  void anApprovalRequestSpeaksOfApprovalInTheChatLayersWords() {
    SlackMessage m = inChannel.render(Replies.approvalPrompt("req1", "U1", "restart web", "needs an admin", 0, 1,
        Instant.EPOCH));
    assertThat(text(m.blocks())).contains("Requested by <@U1>. Approve before 1970-01-01T00:00:00Z. "
        + "Anyone else allowed to approve may press Approve; the requester cannot approve their own.")
        .doesNotContain("Confirm");
  }

  @Test
  void anAlertHasTheLastLinesAndLogsAndRestartButtons() {
    SlackMessage m = inChannel.render(REPLIES.alert(new Alert(Alert.Kind.DIED, "c0ffee", "web", Instant.EPOCH, 137,
        "died with exit code 137", List.of("boom"))));
    assertWithinLimits(m.blocks());
    assertThat(text(m.blocks())).contains("boom").contains("web died");
    List<ButtonElement> buttons = m.blocks().stream().filter(b -> b instanceof ActionsBlock)
        .flatMap(b -> ((ActionsBlock) b).getElements().stream()).map(e -> (ButtonElement) e).toList();
    assertThat(buttons).extracting(ButtonElement::getValue).containsExactly("web", "web");
  }
}
