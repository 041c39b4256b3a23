package io.berth.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.bot.chat.OutputCut;
import io.berth.bot.chat.Replies;
import io.berth.core.notify.Alert;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.HelpText;
import io.berth.core.result.LogLine;
import io.berth.core.result.LogOutput;
import io.berth.core.result.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DiscordRendererTest {
  static final Replies REPLIES = new Replies(new PlainTextRenderer());

  /** The outcome as the chat layer words it, rendered for Discord. */
  static DiscordReply render(Outcome o) {
    return DiscordRenderer.render(REPLIES.of(o, "100", null));
  }

  private static Outcome logs(List<String> lines) {
    return new Outcome.Succeeded("r1", new LogOutput("web",
        lines.stream().map(t -> new LogLine(null, LogLine.Stream.STDOUT, t)).toList(), false));
  }

  @Test
  void shortOutputIsInlineInACodeBlock() {
    DiscordReply r = render(new Outcome.Succeeded("r1", new HelpText("usage: ps")));
    assertThat(r.content()).isEqualTo("```\nusage: ps\n```");
    assertThat(r.attachment()).isNull();
  }

  @Test
  void longOutputIsAttachedWithItsTailInline() {
    List<String> lines = IntStream.rangeClosed(1, 10_000).mapToObj(i -> "line " + i).toList();
    DiscordReply r = render(logs(lines));
    assertThat(r.content().length()).isLessThanOrEqualTo(2000);
    assertThat(r.content()).contains("line 10000").contains("10000 lines").endsWith("```");
    assertThat(new String(r.attachment().data(), StandardCharsets.UTF_8).lines().count()).isEqualTo(10_000);
  }

  @Test
  void oneHugeLineStillFits() {
    DiscordReply r = render(logs(List.of("x".repeat(5000))));
    assertThat(r.content().length()).isLessThanOrEqualTo(2000);
    assertThat(r.attachment().data()).hasSize(5001);
  }

  @Test
  void outputOverTheUploadLimitKeepsItsEnd() {
    String line = "y".repeat(1023);
    List<String> lines = IntStream.range(0, 9 * 1024).mapToObj(i -> i + line).toList();
    DiscordReply r = render(logs(lines));
    assertThat(r.attachment().data().length).isLessThanOrEqualTo(OutputCut.MAX_ATTACHMENT_BYTES);
    assertThat(new String(r.attachment().data(), StandardCharsets.UTF_8)).endsWith((9 * 1024 - 1) + line + "\n");
    assertThat(r.content()).contains("8 MiB");
  }

  @Test
  void codeFenceInOutputCannotCloseTheBlock() {
    DiscordReply r = render(logs(List.of("```", "@everyone")));
    assertThat(r.content().split("```", -1)).hasSize(3); // exactly one opening and one closing fence
    assertThat(r.content()).doesNotContain("@everyone");
  }

  @Test
  void confirmationGetsConfirmAndCancelButtons() {
    DiscordReply r = render(
        new Outcome.ConfirmationRequired("r1", "tok123", "Remove container <@1>?", Instant.ofEpochSecond(1_800_000_000)));
    assertThat(r.buttons()).extracting(DiscordReply.Action::id).containsExactly("berth:confirm:tok123", "berth:cancel:tok123");
    assertThat(r.content()).contains("<t:1800000000:t>").doesNotContain("<@1>")
        .contains("Confirm before <t:1800000000:t>. Only the requester or an admin can confirm.");
  }

  @Test
  void anApprovalRequestSpeaksOfApprovalInTheChatLayersWords() {
    DiscordReply r = DiscordRenderer.render(Replies.approvalPrompt("req1", "100", "restart web", "needs an admin", 0, 1,
        Instant.ofEpochSecond(1_800_000_000)));
    assertThat(r.buttons()).extracting(DiscordReply.Action::id).containsExactly("berth:approve:req1", "berth:reject:req1");
    assertThat(r.content()).contains("Approve before <t:1800000000:t>. "
        + "Anyone else allowed to approve may press Approve; the requester cannot approve their own.")
        .doesNotContain("Confirm");
  }

  @Test
  void denialsAndFailuresAreReadableAndNeutralised() {
    assertThat(render(new Outcome.Denied("r", "not for @here")).content())
        .startsWith("⛔ Denied: ").doesNotContain("@here");
    assertThat(render(new Outcome.Failed("r", Failure.NOT_FOUND, "No such container: x")).content())
        .isEqualTo("❌ not found: No such container: x");
  }

  @Test
  void anAlertCarriesItsLastLogLinesAndLogsAndRestartButtons() {
    DiscordReply r = DiscordRenderer.render(REPLIES.alert(new Alert(Alert.Kind.DIED, "c1", "web",
        Instant.ofEpochSecond(1_800_000_000), 1, "died with exit code 1", List.of("starting", "panic: out of cheese"))));
    assertThat(r.content()).contains("**web**").contains("exit code 1").contains("panic: out of cheese")
        .contains("<t:1800000000:T>");
    assertThat(r.buttons()).extracting(DiscordReply.Action::id).containsExactly("berth:logs:web", "berth:restart:web");
  }

  @Test
  void containerNamesInAlertsCannotPingOrFormat() {
    DiscordReply r = DiscordRenderer.render(REPLIES.alert(new Alert(Alert.Kind.DIED, "c9", "evil_@everyone*", Instant.EPOCH,
        1, "died with exit code 1", List.of())));
    assertThat(r.content()).doesNotContain("@everyone").contains("\\_").contains("\\*");
  }
}
