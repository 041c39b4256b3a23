package io.berth.bot.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import io.berth.bot.chat.ApprovalBoard;
import io.berth.bot.chat.Audience;
import io.berth.bot.chat.Button;
import io.berth.bot.chat.Conversation;
import io.berth.bot.chat.ProgressUpdates;
import io.berth.bot.chat.Reply;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.result.ProgressListener;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's events in, the shared {@link Conversation}'s replies out: ack at once, run on the work
 * executor, answer via {@code response_url}. What to say and who may do what are not decided here.
 */
final class SlackInteractions {
  private static final Logger log = LoggerFactory.getLogger(SlackInteractions.class);
  /** The platform name Slack callers carry (policy.users.*.identities.slack, the audit's source). */
  static final Source SLACK = Source.of("slack");

  private final Conversation conversation;
  private final BlockKitRenderer renderer;
  private final SlackWebApi api;
  private final ExecutorService work;
  private final ScheduledExecutorService scheduler;
  private final Duration progressInterval;
  /** Requests held for approval are posted (and edited) by the {@link ApprovalBoard}, not answered here. */
  private volatile boolean approvalsPosted;

  SlackInteractions(Conversation conversation, BlockKitRenderer renderer, SlackWebApi api, ExecutorService work,
      ScheduledExecutorService scheduler, Duration progressInterval) {
    this.conversation = conversation;
    this.renderer = renderer;
    this.api = api;
    this.work = work;
    this.scheduler = scheduler;
    this.progressInterval = progressInterval;
  }

  void approvalsPosted(boolean posted) {
    approvalsPosted = posted;
  }

  /** A held request's prompt: shown by the approval board in the channel, so the asker only hears where it went. */
  private boolean postedElsewhere(Reply reply) {
    return approvalsPosted && ApprovalBoard.postedByBoard(reply);
  }

  Response onCommand(SlashCommandRequest req, SlashCommandContext ctx) {
    SlashCommandPayload p = req.getPayload();
    Caller caller = new Caller(SLACK, p.getUserId(), p.getUserName(), Location.channel(p.getTeamId(), p.getChannelId()));
    String text = SlackTextDecoder.command(p.getText());
    String echo = Conversation.echo(text);
    try {
      work.execute(() -> runCommand(caller, text, echo, ctx, p.getChannelId()));
    } catch (RejectedExecutionException e) {
      return ctx.ack(":warning: " + ((Reply.Notice) Conversation.busy()).text());
    }
    return ctx.ack(":hourglass_flowing_sand: running `" + BlockKitRenderer.escape(echo.replace("`", "'")) + "`…");
  }

  Response onAction(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload p = req.getPayload();
    if (p.getActions() == null || p.getActions().isEmpty()) return ctx.ack();
    BlockActionPayload.Action action = p.getActions().get(0);
    String team = p.getTeam() == null ? null : p.getTeam().getId();
    String channel = p.getChannel() == null ? null : p.getChannel().getId();
    Caller caller = new Caller(SLACK, p.getUser().getId(), p.getUser().getUsername(), Location.channel(team, channel));
    Optional<Button.Action> kind = Button.Action.byId(
        action.getActionId().split(":", 2)[0].substring(BlockKitRenderer.PREFIX.length()));
    if (kind.isEmpty()) return ctx.ack();
    String value = action.getValue();
    try {
      work.execute(() -> runAction(caller, kind.get(), value, ctx, channel));
    } catch (RejectedExecutionException e) {
      log.warn("button {} dropped: work queue full or shutting down", kind.get().id());
    }
    return ctx.ack();
  }

  private void runCommand(Caller caller, String text, String echo, SlashCommandContext ctx, String channel) {
    try {
      ProgressUpdates progress = new ProgressUpdates(echo, progressView(channel), scheduler, progressInterval);
      Reply reply = conversation.submit(caller, text, progress);
      progress.finish(reply instanceof Reply.Output ? "done." : "stopped.");
      SlackMessage m = renderer.render(postedElsewhere(reply) ? ApprovalBoard.heldNote() : reply);
      ctx.respond(SlashCommandResponse.builder()
          .responseType(m.ephemeral() ? "ephemeral" : "in_channel")
          .text(m.text()).blocks(m.blocks()).build());
      attach(m, channel, caller.platformUserId());
    } catch (IOException | RuntimeException e) {
      log.error("slash command failed after ack", e);
      try {
        ctx.respond(r -> r.responseType("ephemeral").text(":warning: " + ((Reply.Notice) Conversation.internalError()).text()));
      } catch (IOException | RuntimeException ignored) {
        // response_url unreachable too; the server log has the cause
      }
    }
  }

  private void runAction(Caller caller, Button.Action kind, String value, ActionContext ctx, String channel) {
    try {
      Reply pressed = conversation.press(caller, kind, value, ProgressListener.IGNORE);
      Reply reply = postedElsewhere(pressed) ? ApprovalBoard.heldNote() : pressed;
      SlackMessage m = renderer.render(reply);
      // A finished prompt is replaced by the answer (its buttons go) when the answer is for everyone;
      // a refusal is told only to the presser and leaves the prompt as it was.
      boolean replace = reply.closesPrompt() && reply.audience() == Audience.CHANNEL;
      ctx.respond(ActionResponse.builder()
          .responseType(m.ephemeral() ? "ephemeral" : "in_channel")
          .replaceOriginal(replace)
          .text(m.text()).blocks(m.blocks()).build());
      attach(m, channel, caller.platformUserId());
    } catch (IOException | RuntimeException e) {
      log.error("button {} failed after ack", kind.id(), e);
    }
  }

  /**
   * Progress goes to the channel only when results do (private results get just the final
   * answer): posted once, then edited with chat.update.
   */
  private ProgressUpdates.View progressView(String channel) {
    if (!renderer.resultsInChannel() || channel == null) return null;
    String[] ts = new String[1];
    return p -> {
      SlackMessage m = renderer.render(p);
      if (ts[0] == null) ts[0] = api.postMessage(channel, m);
      else api.updateMessage(channel, ts[0], m);
    };
  }

  /** Uploads the whole output next to a cut message: to the channel, or to the user when private. */
  private void attach(SlackMessage m, String channel, String userId) {
    if (m.file() == null) return;
    try {
      String target = m.ephemeral() ? api.openDirectMessage(userId) : channel;
      api.uploadFile(target, m.file());
    } catch (IOException | RuntimeException e) {
      log.warn("could not attach {}: {}", m.file().filename(), e.getMessage());
    }
  }
}
