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
import io.berth.core.command.Logs;
import io.berth.core.command.Restart;
import io.berth.core.language.SecretMasking;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slash command and the buttons: ack at once, run on the work executor through the core,
 * answer via {@code response_url}. Permission decisions are all the core's.
 */
final class SlackInteractions {
  private static final Logger log = LoggerFactory.getLogger(SlackInteractions.class);
  static final int QUICK_LOG_LINES = 50;

  private final CommandService commands;
  private final BlockKitRenderer renderer;
  private final SlackWebApi api;
  private final ExecutorService work;
  private final ScheduledExecutorService scheduler;
  private final UnaryOperator<String> normalizer;
  private final Duration progressInterval;

  SlackInteractions(CommandService commands, BlockKitRenderer renderer, SlackWebApi api, ExecutorService work,
      ScheduledExecutorService scheduler, UnaryOperator<String> normalizer, Duration progressInterval) {
    this.commands = commands;
    this.renderer = renderer;
    this.api = api;
    this.work = work;
    this.scheduler = scheduler;
    this.normalizer = normalizer;
    this.progressInterval = progressInterval;
  }

  Response onCommand(SlashCommandRequest req, SlashCommandContext ctx) {
    SlashCommandPayload p = req.getPayload();
    Caller caller = new Caller(Source.SLACK, p.getUserId(), p.getUserName(),
        Location.channel(p.getTeamId(), p.getChannelId()));
    String text = normalizer.apply(SlackTextDecoder.decode(p.getText()).strip());
    // What Slack shows of the command (ack, progress title, "ran …"): secrets masked, like the audit.
    String echo = SecretMasking.mask(text);
    try {
      work.execute(() -> runCommand(caller, text, echo, ctx, p.getChannelId()));
    } catch (RejectedExecutionException e) {
      return ctx.ack(":warning: Berth is too busy (or shutting down) to take this now; nothing was run. Try again in a moment.");
    }
    String shown = echo.isEmpty() ? "help" : echo;
    return ctx.ack(":hourglass_flowing_sand: running `" + BlockKitRenderer.escape(shown.replace("`", "'")) + "`…");
  }

  Response onAction(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload p = req.getPayload();
    if (p.getActions() == null || p.getActions().isEmpty()) return ctx.ack();
    BlockActionPayload.Action action = p.getActions().get(0);
    String team = p.getTeam() == null ? null : p.getTeam().getId();
    String channel = p.getChannel() == null ? null : p.getChannel().getId();
    Caller caller = new Caller(Source.SLACK, p.getUser().getId(), p.getUser().getUsername(), Location.channel(team, channel));
    String kind = action.getActionId().split(":", 2)[0];
    String value = action.getValue();
    try {
      work.execute(() -> runAction(caller, kind, value, ctx, channel));
    } catch (RejectedExecutionException e) {
      log.warn("button {} dropped: work queue full or shutting down", kind);
    }
    return ctx.ack();
  }

  private void runCommand(Caller caller, String text, String echo, SlashCommandContext ctx, String channel) {
    try {
      ProgressMessage progress = progress(channel, echo);
      Outcome outcome = commands.submit(caller, text, progress);
      progress.finish(outcome instanceof Outcome.Succeeded ? "done." : "stopped.");
      SlackMessage m = renderer.render(outcome, echo, caller.platformUserId());
      ctx.respond(SlashCommandResponse.builder()
          .responseType(m.ephemeral() ? "ephemeral" : "in_channel")
          .text(m.text()).blocks(m.blocks()).build());
      attach(m, channel, caller.platformUserId());
    } catch (IOException | RuntimeException e) {
      log.error("slash command failed after ack", e);
      try {
        ctx.respond(r -> r.responseType("ephemeral").text(":warning: Berth hit an internal error; it is in the server log."));
      } catch (IOException | RuntimeException ignored) {
        // response_url unreachable too; the server log has the cause
      }
    }
  }

  private void runAction(Caller caller, String kind, String value, ActionContext ctx, String channel) {
    try {
      Outcome outcome;
      String text;
      ProgressListener progress = ProgressListener.IGNORE;
      switch (kind) {
        case BlockKitRenderer.CONFIRM -> {
          outcome = commands.confirm(caller, value, progress);
          text = null;
        }
        case BlockKitRenderer.CANCEL -> {
          outcome = commands.cancel(caller, value);
          text = null;
        }
        case BlockKitRenderer.LOGS -> {
          outcome = commands.execute(caller, new Logs(value, QUICK_LOG_LINES, null, false), null, progress);
          text = "logs --tail " + QUICK_LOG_LINES + " " + value;
        }
        case BlockKitRenderer.RESTART -> {
          outcome = commands.execute(caller, new Restart(value, null), null, progress);
          text = "restart " + value;
        }
        default -> {
          return;
        }
      }
      boolean confirmationStep = kind.equals(BlockKitRenderer.CONFIRM) || kind.equals(BlockKitRenderer.CANCEL);
      boolean cancelled = outcome instanceof Outcome.Failed f && f.kind() == Failure.CONFIRMATION
          && f.message().startsWith("Cancelled");
      SlackMessage m = renderer.render(outcome, text, caller.platformUserId());
      // A done confirmation replaces the prompt (its buttons go); a refusal is told only to the presser.
      boolean replace = confirmationStep && (outcome instanceof Outcome.Succeeded || cancelled);
      boolean ephemeral = m.ephemeral() && !cancelled;
      ctx.respond(ActionResponse.builder()
          .responseType(ephemeral ? "ephemeral" : "in_channel")
          .replaceOriginal(replace)
          .text(m.text()).blocks(m.blocks()).build());
      attach(m, channel, caller.platformUserId());
    } catch (IOException | RuntimeException e) {
      log.error("button {} failed after ack", kind, e);
    }
  }

  /** Progress goes to the channel only when results do; private results get just the final answer. */
  private ProgressMessage progress(String channel, String text) {
    return new ProgressMessage(api, renderer.resultsInChannel() ? channel : null, text, scheduler, progressInterval);
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
