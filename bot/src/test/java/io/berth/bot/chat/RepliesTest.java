package io.berth.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wording and audience every chat platform shares. */
class RepliesTest {
  final Replies replies = new Replies(new PlainTextRenderer());

  @Test
  void aFailureKeepsItsKindAndGoesOnlyToTheCaller() {
    Reply r = replies.of(new Outcome.Failed("r", Failure.ENGINE_UNREACHABLE, "Docker is down"), "U1", "ps");
    assertThat(r).isEqualTo(new Reply.Notice(Tone.FAILED, "engine unreachable: Docker is down", Audience.CALLER, false));
  }

  @Test
  void aConfirmationRefusalSpeaksForItself() {
    Reply r = replies.of(new Outcome.Failed("r", Failure.CONFIRMATION, "This confirmation was already used."), "U1", null);
    assertThat(((Reply.Notice) r).text()).isEqualTo("This confirmation was already used.");
    assertThat(r.audience()).isEqualTo(Audience.CALLER);
  }

  @Test
  void aCancellationIsTypedShownToEveryoneAndClosesThePrompt() {
    Reply r = replies.of(new Outcome.Cancelled("r2", "r1", "rm -f web"), "U1", null);
    assertThat(r).isEqualTo(new Reply.Notice(Tone.CANCELLED, "Cancelled: rm -f web", Audience.CHANNEL, true));
    assertThat(r.closesPrompt()).isTrue();
  }

  @Test
  void aConfirmationIsAPromptWithConfirmAndCancelCarryingTheToken() {
    Reply r = replies.of(new Outcome.ConfirmationRequired("r", "tok", "Remove web?", Instant.EPOCH), "U1", "rm web");
    assertThat(r).isInstanceOfSatisfying(Reply.Prompt.class, p -> {
      assertThat(p.buttons()).extracting(Button::action).containsExactly(Button.Action.CONFIRM, Button.Action.CANCEL);
      assertThat(p.buttons()).extracting(Button::argument).containsOnly("tok");
      assertThat(p.requester()).isEqualTo("U1");
    });
  }

  @Test
  void listsGetLogsAndRestartPerRowAndARemovedContainerGetsNone() {
    ContainerSummary web = new ContainerSummary("abc", "/web", "img", "running", "Up", List.of(), Instant.EPOCH, Map.of());
    Reply.Output list = (Reply.Output) replies.of(new Outcome.Succeeded("r", new ContainerList(List.of(web))), "U1", "ps");
    assertThat(list.buttons()).containsExactly(new Button(Button.Action.LOGS, "web", "Logs web"),
        new Button(Button.Action.RESTART, "web", "Restart web"));
    assertThat(list.heading()).isEqualTo("1 container(s)");
    Reply.Output rm = (Reply.Output) replies.of(new Outcome.Succeeded("r", new ContainerChanged("rm", "abc", "web", true)),
        "U1", "rm web");
    assertThat(rm.buttons()).isEmpty();
    assertThat(rm.heading()).isEqualTo("rm web: done");
  }

  @Test
  void aLongContainerNameButtonsByIdSoDiscordsIdLimitHolds() {
    String longName = "n".repeat(90);
    assertThat(Replies.quickActions("c0ffee", longName, false)).extracting(Button::argument).containsOnly("c0ffee");
  }

  @Test
  void theEchoMasksSecretsLikeTheAudit() {
    assertThat(Conversation.echo("run -e PASSWORD=hunter2 img")).doesNotContain("hunter2");
  }

  @Test
  void outputIsCutToWholeLinesFromTheEndWithANote() {
    OutputCut.Cut cut = OutputCut.fit("a\nbb\nccc\n", 8, true, "logs-web.txt", String::length);
    assertThat(cut.shown()).isEqualTo("bb\nccc\n");
    assertThat(cut.note()).isEqualTo("Output is 3 lines; showing the last 2. The whole of it is attached as logs-web.txt.");
  }
}
