package io.berth.bot.discord;

import io.berth.core.LogSafe;
import io.berth.core.command.Logs;
import io.berth.core.command.Ps;
import io.berth.core.command.Restart;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.result.ContainerList;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.concurrent.RejectedExecutionException;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives {@code !docker} messages, {@code /docker} invocations, button presses and autocomplete
 * requests from JDA. Interactions are acknowledged on JDA's thread (within Discord's 3 s); the
 * command itself runs on Berth's executor and answers through the interaction hook. Every decision
 * about who may do what is the core's.
 */
final class DiscordCommandListener extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(DiscordCommandListener.class);
  private static final int QUICK_LOG_LINES = 50;

  private final CommandService service;
  private final String prefix;
  private final ExecutorService executor;

  DiscordCommandListener(CommandService service, String prefix, ExecutorService executor) {
    this.service = service;
    this.prefix = prefix;
    this.executor = executor;
  }

  @Override
  public void onMessageReceived(MessageReceivedEvent event) {
    if (event.getAuthor().isBot() || event.isWebhookMessage()) return;
    String raw = event.getMessage().getContentRaw();
    String text = commandText(raw);
    if (text == null) return;
    Caller caller = caller(event.getAuthor(), event.isFromGuild() ? event.getGuild() : null, event.getChannel());
    MessageChannel channel = event.getChannel();
    run(() -> {
      Outcome outcome = service.submit(caller, text, ProgressListener.IGNORE);
      channel.sendMessage(DiscordMessages.toMessage(OutcomeFormatter.format(outcome))).queue(null,
          e -> log.warn("could not post the answer to channel {}: {}", LogSafe.quote(channel.getId()),
              LogSafe.quote(e.getMessage())));
    }, r -> channel.sendMessage(DiscordMessages.toMessage(r)).queue());
  }

  /** The command after the prefix, or null when the message is not for Berth. */
  String commandText(String raw) {
    String t = raw.strip();
    if (!t.regionMatches(true, 0, prefix, 0, prefix.length())) return null;
    String rest = t.substring(prefix.length());
    if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) return null; // "!dockerfile" is not us
    String normalized = ChatText.normalize(rest);
    return normalized.isEmpty() ? "help" : normalized;
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    if (!SlashCommands.NAME.equals(event.getName())) return;
    event.deferReply().queue();
    Caller caller = caller(event.getUser(), event.getGuild(), event.getChannel());
    // a grouped command arrives as its group and subcommand: "/docker container pause" → "container pause"
    String sub = event.getSubcommandName() == null ? "help" : event.getSubcommandName();
    SlashCommands.Invocation inv = SlashCommands.translate(
        event.getSubcommandGroup() == null ? sub : event.getSubcommandGroup() + " " + sub, event::getOption);
    InteractionHook hook = event.getHook();
    run(() -> {
      ProgressRelay progress = new ProgressRelay(Clock.systemUTC(), text -> hook.editOriginal(text).queue(null,
          e -> log.debug("progress edit dropped: {}", e.getMessage())));
      Outcome outcome = inv instanceof SlashCommands.Typed t
          ? service.execute(caller, t.request(), null, progress)
          : service.submit(caller, ((SlashCommands.Text) inv).text(), progress);
      reply(hook, OutcomeFormatter.format(outcome));
    }, r -> reply(hook, r));
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    var press = ButtonIds.decode(event.getComponentId());
    if (press.isEmpty()) return; // not one of Berth's buttons
    Caller caller = caller(event.getUser(), event.getGuild(), event.getChannel());
    String arg = press.get().argument();
    InteractionHook hook = event.getHook();
    switch (press.get().kind()) {
      case CONFIRM, CANCEL -> {
        boolean confirm = press.get().kind() == ButtonIds.Kind.CONFIRM;
        event.deferEdit().queue();
        run(() -> {
          Outcome outcome = confirm ? service.confirm(caller, arg, ProgressListener.IGNORE) : service.cancel(caller, arg);
          if (service.pending(arg).isEmpty()) {
            // Used up (or expired): take the buttons off the prompt so nobody presses them again.
            hook.editOriginalComponents(List.of()).queue(null,
                e -> log.debug("could not clear confirmation buttons: {}", e.getMessage()));
          }
          reply(hook, forPresser(outcome));
        }, r -> reply(hook, r));
      }
      case LOGS, RESTART -> {
        // Acknowledge without a visible reply, so the answer can be public or private per outcome.
        event.deferEdit().queue();
        run(() -> {
          Outcome outcome = press.get().kind() == ButtonIds.Kind.LOGS
              ? service.execute(caller, new Logs(arg, QUICK_LOG_LINES, null, false), null, ProgressListener.IGNORE)
              : service.execute(caller, new Restart(arg, null), null, ProgressListener.IGNORE);
          reply(hook, forPresser(outcome));
        }, r -> reply(hook, r));
      }
    }
  }

  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    if (!SlashCommands.NAME.equals(event.getName())
        || !SlashCommands.CONTAINER.equals(event.getFocusedOption().getName())) {
      return;
    }
    String typed = event.getFocusedOption().getValue().toLowerCase(Locale.ROOT);
    Caller caller = caller(event.getUser(), event.getGuild(), event.getChannel());
    run(() -> {
      // The core narrows the list to the caller's scope; a denied caller gets no suggestions.
      Outcome outcome = service.execute(caller, new Ps(true, List.of()), null, ProgressListener.IGNORE);
      List<Command.Choice> choices = outcome instanceof Outcome.Succeeded s && s.result() instanceof ContainerList l
          ? l.containers().stream()
              .filter(c -> c.name().toLowerCase(Locale.ROOT).contains(typed))
              .limit(25)
              .map(c -> new Command.Choice(truncate(c.name() + " (" + c.state() + ")"), c.name()))
              .toList()
          : List.of();
      event.replyChoices(choices).queue(null, e -> log.debug("autocomplete answer dropped: {}", e.getMessage()));
    }, r -> event.replyChoices(List.of()).queue());
  }

  /** Refusals of a button press go only to the presser: a stranger's clicks must not fill the channel. */
  private static DiscordReply forPresser(Outcome outcome) {
    DiscordReply reply = OutcomeFormatter.format(outcome);
    boolean refused = outcome instanceof Outcome.Denied || outcome instanceof Outcome.Failed f
        && f.kind() == Failure.CONFIRMATION && !f.message().startsWith("Cancelled");
    return refused ? reply.asEphemeral() : reply;
  }

  private static String truncate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100);
  }

  private void reply(InteractionHook hook, DiscordReply reply) {
    hook.sendMessage(DiscordMessages.toMessage(reply)).setEphemeral(reply.ephemeral()).queue(null,
        e -> log.warn("could not send the follow-up for interaction {}: {}", hook.getInteraction().getId(), e.getMessage()));
  }

  /**
   * Runs work off JDA's event thread. The one handler for unexpected failures in this adapter:
   * log it and tell the person, without details.
   */
  private void run(Runnable work, Consumer<DiscordReply> apology) {
    try {
      executor.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          log.error("Discord command handling failed", e);
          apology.accept(DiscordReply.text("Berth hit an internal error; it is in the server log.").asEphemeral());
        }
      });
    } catch (RejectedExecutionException e) {
      apology.accept(DiscordReply.text("Berth is busy or shutting down; try again in a moment.").asEphemeral());
    }
  }

  static Caller caller(User user, Guild guild, MessageChannel channel) {
    String name = user.getGlobalName() != null ? user.getGlobalName() : user.getName();
    return new Caller(Source.DISCORD, user.getId(), name,
        Location.channel(guild == null ? null : guild.getId(), channel == null ? null : channel.getId()));
  }
}
