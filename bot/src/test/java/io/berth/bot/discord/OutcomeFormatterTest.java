package io.berth.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

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

class OutcomeFormatterTest {
  private static Outcome logs(List<String> lines) {
    return new Outcome.Succeeded("r1", new LogOutput("web",
        lines.stream().map(t -> new LogLine(null, LogLine.Stream.STDOUT, t)).toList(), false));
  }

  @Test
  void shortOutputIsInlineInACodeBlock() {
    DiscordReply r = OutcomeFormatter.format(new Outcome.Succeeded("r1", new HelpText("usage: ps")));
    assertThat(r.content()).isEqualTo("```\nusage: ps\n```");
    assertThat(r.attachment()).isNull();
  }

  @Test
  void longOutputIsAttachedWithItsTailInline() {
    List<String> lines = IntStream.rangeClosed(1, 10_000).mapToObj(i -> "line " + i).toList();
    DiscordReply r = OutcomeFormatter.format(logs(lines));
    assertThat(r.content().length()).isLessThanOrEqualTo(2000);
    assertThat(r.content()).contains("line 10000").contains("10000 lines").endsWith("```");
    assertThat(new String(r.attachment().data(), StandardCharsets.UTF_8).lines().count()).isEqualTo(10_000);
  }

  @Test
  void oneHugeLineStillFits() {
    DiscordReply r = OutcomeFormatter.format(logs(List.of("x".repeat(5000))));
    assertThat(r.content().length()).isLessThanOrEqualTo(2000);
    assertThat(r.attachment().data()).hasSize(5001);
  }

  @Test
  void outputOverTheUploadLimitKeepsItsEnd() {
    String line = "y".repeat(1023);
    List<String> lines = IntStream.range(0, 9 * 1024).mapToObj(i -> i + line).toList();
    DiscordReply r = OutcomeFormatter.format(logs(lines));
    assertThat(r.attachment().data().length).isLessThanOrEqualTo(OutcomeFormatter.MAX_ATTACHMENT_BYTES);
    assertThat(new String(r.attachment().data(), StandardCharsets.UTF_8)).endsWith((9 * 1024 - 1) + line + "\n");
    assertThat(r.content()).contains("8 MiB");
  }

  @Test
  void codeFenceInOutputCannotCloseTheBlock() {
    DiscordReply r = OutcomeFormatter.format(logs(List.of("```", "@everyone")));
    assertThat(r.content().split("```", -1)).hasSize(3); // exactly one opening and one closing fence
    assertThat(r.content()).doesNotContain("@everyone");
  }

  @Test
  void confirmationGetsConfirmAndCancelButtons() {
    DiscordReply r = OutcomeFormatter.format(
        new Outcome.ConfirmationRequired("r1", "tok123", "Remove container <@1>?", Instant.ofEpochSecond(1_800_000_000)));
    assertThat(r.buttons()).extracting(DiscordReply.Action::id).containsExactly("berth:confirm:tok123", "berth:cancel:tok123");
    assertThat(r.content()).contains("<t:1800000000:t>").doesNotContain("<@1>");
  }

  @Test
  void denialsAndFailuresAreReadableAndNeutralised() {
    assertThat(OutcomeFormatter.format(new Outcome.Denied("r", "not for @here")).content())
        .startsWith("⛔ Denied: ").doesNotContain("@here");
    assertThat(OutcomeFormatter.format(new Outcome.Failed("r", Failure.NOT_FOUND, "No such container: x")).content())
        .isEqualTo("❌ not found: No such container: x");
  }
}
