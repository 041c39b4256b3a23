package io.berth.bot.chat;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a chat platform shows for one step of a conversation with the core, independent of any
 * platform: the shared layer ({@link Conversation}) decides what to say, to whom, with which
 * buttons; a platform only renders it in its markup within its limits and sends it.
 *
 * <p>Text in a reply is plain text as the core wrote it (never platform markup); each renderer
 * escapes it for its own markup.
 */
public sealed interface Reply permits Reply.Notice, Reply.Output, Reply.Prompt, Reply.AlertMessage, Reply.Progress {

  /** Who sees it. */
  Audience audience();

  /**
   * The prompt whose button was pressed is done with (token used up or expired): platforms take
   * its buttons away (Slack replaces it when the answer is for everyone).
   */
  default boolean closesPrompt() {
    return false;
  }

  /**
   * A short message: a refusal, a failure (its kind kept in the text), a cancellation, "busy".
   *
   * @param closesPrompt the prompt whose button was pressed is done with (its buttons go)
   */
  record Notice(Tone tone, String text, Audience audience, boolean closesPrompt) implements Reply {
    public Notice {
      Objects.requireNonNull(tone, "tone");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(audience, "audience");
    }
  }

  /**
   * A result: an optional one-line heading, optional command output (shown as code, cut to the
   * platform's room with {@link OutputCut} and then attached whole as {@code fileName}), and
   * quick-action buttons.
   *
   * @param requester platform user id of who ran it, for "X ran `…`" (null: no echo line)
   * @param echo the command as run, secrets masked (null: no echo line)
   * @param output null: no code block; "" shows as "(no output)"
   * @param keepEnd when cut, show the end (logs) rather than the start
   */
  record Output(Tone tone, String requester, String echo, String heading, String output, String fileName,
      boolean keepEnd, List<Button> buttons, Audience audience, boolean closesPrompt) implements Reply {
    public Output {
      buttons = List.copyOf(buttons);
      Objects.requireNonNull(audience, "audience");
    }
  }

  /**
   * A question with buttons that only the core can answer: today the confirmation of a
   * destructive request (Confirm/Cancel carrying the core's token); an approval request
   * (Approve/Reject carrying its id) has the same shape.
   *
   * @param requester platform user id of who asked
   */
  record Prompt(String text, String requester, Instant expiresAt, List<Button> buttons, Audience audience)
      implements Reply {
    public Prompt {
      buttons = List.copyOf(buttons);
    }

    /** A request held by the two-person rule (Approve/Reject), not a confirmation (Confirm/Cancel). */
    public boolean approval() {
      return buttons.stream().anyMatch(b -> b.action() == Button.Action.APPROVE);
    }

    /** The words before the platform's own rendering of {@link #expiresAt}: every platform says the same. */
    public String deadline() {
      return approval() ? "Approve before" : "Confirm before";
    }

    /** Who may answer it, one sentence every platform shows as is. */
    public String whoMayAnswer() {
      return approval() ? "Anyone else allowed to approve may press Approve; the requester cannot approve their own."
          : "Only the requester or an admin can confirm.";
    }
  }

  /** A container alert for the notify channels: what happened, when, its last log lines, Logs/Restart. */
  record AlertMessage(String container, String summary, Instant time, List<String> lastLines, List<Button> buttons)
      implements Reply {
    public AlertMessage {
      lastLines = List.copyOf(lastLines);
      buttons = List.copyOf(buttons);
    }

    /** The alert as one line of plain text, e.g. "Container web died (exit code 137)". */
    public String headline() {
      return "Container " + container + " " + summary;
    }

    @Override
    public Audience audience() {
      return Audience.CHANNEL;
    }
  }

  /** The state of a long command (pull, build): a title and the latest lines, shown in one edited message. */
  record Progress(String title, String body) implements Reply {
    @Override
    public Audience audience() {
      return Audience.CHANNEL;
    }
  }
}
