package io.berth.bot.discord;

import io.berth.bot.chat.ApprovalBoard;
import io.berth.bot.chat.Audience;
import io.berth.bot.chat.Button;
import io.berth.bot.chat.ChatInput;
import io.berth.bot.chat.Conversation;
import io.berth.bot.chat.ProgressUpdates;
import io.berth.bot.chat.Reply;
import io.berth.core.LogSafe;
import io.berth.core.command.Ps;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.result.ContainerList;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
 * Discord's events in ({@code !docker} messages, {@code /docker} invocations, button presses,
 * autocomplete), the shared {@link Conversation}'s replies out. Interactions are acknowledged on
 * JDA's thread (within Discord's 3 s); the command itself runs on Berth's executor and answers
 * through the interaction hook. What to say and who may do what are not decided here.
 */
final class DiscordCommandListener extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(DiscordCommandListener.class);
  /** The platform name Discord callers carry (policy.users.*.identities.discord, the audit's source). */
  static final Source DISCORD = Source.of("discord");
  /** Least time between two edits of a progress message. */
  static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

  private final Conversation conversation;
  private final String prefix;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  /** True when held requests are posted by the {@link ApprovalBoard}, so their prompt is not answered here too. */
  private final BooleanSupplier approvalsPosted;

  DiscordCommandListener(Conversation conversation, String prefix, ExecutorService executor,
      ScheduledExecutorService scheduler) {
    this(conversation, prefix, executor, scheduler, () -> false);
  }

  DiscordCommandListener(Conversation conversation, String prefix, ExecutorService executor,
      ScheduledExecutorService scheduler, BooleanSupplier approvalsPosted) {
    this.conversation = conversation;
    this.prefix = prefix;
    this.executor = executor;
    this.scheduler = scheduler;
    this.approvalsPosted = approvalsPosted;
  }

  /** A held request's prompt is shown by the board in the asking channel: the asker only hears where it went. */
  private Reply answer(Reply reply) {
    return approvalsPosted.getAsBoolean() && ApprovalBoard.postedByBoard(reply) ? ApprovalBoard.heldNote() : reply;
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
      Reply reply = conversation.submit(caller, text, ProgressListener.IGNORE);
      // the board's post in this very channel is the answer
      if (approvalsPosted.getAsBoolean() && ApprovalBoard.postedByBoard(reply)) return;
      channel.sendMessage(DiscordMessages.toMessage(DiscordRenderer.render(reply))).queue(null,
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
    return ChatInput.command(rest);
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
      String title = inv instanceof SlashCommands.Text t ? Conversation.echo(t.text())
          : conversation.service().language().describe(((SlashCommands.Typed) inv).request());
      // The deferred reply ("thinking…") is the progress message, edited at most every 2 s. Each
      // edit completes before the next (and before the answer), so the answer is never overtaken.
      ProgressUpdates progress = new ProgressUpdates(title, p -> hook.editOriginal(DiscordRenderer.render(p).content())
          .complete(), scheduler, PROGRESS_INTERVAL);
      Reply reply = inv instanceof SlashCommands.Typed t
          ? conversation.execute(caller, t.request(), progress)
          : conversation.submit(caller, ((SlashCommands.Text) inv).text(), progress);
      progress.finish(reply instanceof Reply.Output ? "done." : "stopped.");
      send(hook, DiscordRenderer.render(answer(reply)));
    }, r -> send(hook, r));
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    var press = ButtonIds.decode(event.getComponentId());
    if (press.isEmpty()) return; // not one of Berth's buttons
    Caller caller = caller(event.getUser(), event.getGuild(), event.getChannel());
    InteractionHook hook = event.getHook();
    // Acknowledge without a visible reply, so the answer can be public or private per outcome.
    event.deferEdit().queue();
    run(() -> {
      Reply reply = answer(conversation.press(caller, press.get().action(), press.get().argument(), ProgressListener.IGNORE));
      if (reply.closesPrompt()) {
        // Used up (or expired): take the buttons off the prompt so nobody presses them again.
        hook.editOriginalComponents(List.of()).queue(null,
            e -> log.debug("could not clear confirmation buttons: {}", e.getMessage()));
      }
      DiscordReply r = DiscordRenderer.render(reply);
      // A refusal goes only to the presser: a stranger's clicks must not fill the channel.
      send(hook, reply.audience() == Audience.CALLER ? r.asEphemeral() : r);
    }, r -> send(hook, r));
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
      Outcome outcome = conversation.service().execute(caller, new Ps(true, List.of()), null, ProgressListener.IGNORE);
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

  private static String truncate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100);
  }

  private void send(InteractionHook hook, DiscordReply reply) {
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
          apology.accept(DiscordRenderer.render(Conversation.internalError()).asEphemeral());
        }
      });
    } catch (RejectedExecutionException e) {
      apology.accept(DiscordRenderer.render(Conversation.busy()).asEphemeral());
    }
  }

  static Caller caller(User user, Guild guild, MessageChannel channel) {
    String name = user.getGlobalName() != null ? user.getGlobalName() : user.getName();
    return new Caller(DISCORD, user.getId(), name,
        Location.channel(guild == null ? null : guild.getId(), channel == null ? null : channel.getId()));
  }
}
