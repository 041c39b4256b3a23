package io.berth.bot.chat;

import io.berth.core.approval.ApprovalRequest;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Logs;
import io.berth.core.command.Restart;
import io.berth.core.language.SecretMasking;
import io.berth.core.model.Caller;
import io.berth.core.notify.Alert;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;

/**
 * The conversation every chat platform has with the core: typed commands, typed requests (forms,
 * slash-command options), button presses (confirm, cancel, quick actions) and alerts, each turned
 * into a {@link Reply}. Platforms translate their events into these calls and render the reply;
 * who may do what, and the audit, stay the core's.
 */
public final class Conversation {
  /** Lines the Logs quick action shows. */
  public static final int QUICK_LOG_LINES = 50;

  private final CommandService service;
  private final Replies replies;

  public Conversation(CommandService service, PlainTextRenderer plain) {
    this.service = service;
    this.replies = new Replies(plain);
  }

  public CommandService service() {
    return service;
  }

  /** How a command is shown back (acks, progress titles, "ran …"): secrets masked, as in the audit. */
  public static String echo(String text) {
    return SecretMasking.mask(text);
  }

  /** Text the person typed, after the platform decoded its markup ({@link ChatInput#command}). */
  public Reply submit(Caller caller, String text, ProgressListener progress) {
    Outcome outcome = service.submit(caller, text, progress);
    return replies.of(outcome, caller.platformUserId(), echo(text));
  }

  /** A typed request (a form or slash-command options); echoed in its canonical, masked text. */
  public Reply execute(Caller caller, DockerRequest request, ProgressListener progress) {
    Outcome outcome = service.execute(caller, request, null, progress);
    return replies.of(outcome, caller.platformUserId(), service.language().describe(request));
  }

  /**
   * A pressed button. Confirm and Cancel say whether the prompt is done with (the token used up or
   * expired, so its buttons should go); a refusal is for the presser only, and leaves the prompt
   * working for whoever may use it.
   */
  public Reply press(Caller caller, Button.Action action, String argument, ProgressListener progress) {
    Reply reply = switch (action) {
      case CONFIRM -> replies.of(service.confirm(caller, argument, progress), caller.platformUserId(), null);
      case CANCEL -> replies.of(service.cancel(caller, argument), caller.platformUserId(), null);
      case LOGS -> execute(caller, new Logs(argument, QUICK_LOG_LINES, null, false), progress);
      case RESTART -> execute(caller, new Restart(argument, null), progress);
      // the approval's own message is updated for everyone by the platform's approval watcher
      case APPROVE -> replies.of(service.approve(caller, argument, progress), caller.platformUserId(), null);
      case REJECT -> replies.of(service.reject(caller, argument), caller.platformUserId(), null);
    };
    boolean prompt = action == Button.Action.CONFIRM || action == Button.Action.CANCEL;
    return prompt && service.pending(argument).isEmpty() ? closingPrompt(reply) : reply;
  }

  /**
   * How a request held for approval is shown now, to everyone: while pending, the prompt with its
   * count and Approve/Reject; once ended, how it ended (no buttons). {@code requester} is the
   * platform user id to mention, when the request came from this platform.
   */
  public Reply approval(ApprovalRequest r, String requester) {
    if (r.open()) {
      String why = "Needs " + r.needed() + " approval(s) by someone other than " + r.requester().name() + " with role "
          + String.join(" or ", r.approverRoles()) + (r.approvals().isEmpty() ? "" : "; approved by " + String.join(", ", r.approvals()))
          + ". Request " + r.id() + ".";
      return Replies.approvalPrompt(r.id(), requester, r.commandText(), why, r.approvals().size(), r.needed(), r.expiresAt());
    }
    String text = switch (r.state()) {
      case RUNNING -> "Approved by " + String.join(", ", r.approvals()) + ", running: " + r.commandText();
      case EXECUTED -> "Approved by " + String.join(", ", r.approvals()) + " and ran (" + r.result() + "): " + r.commandText();
      case REJECTED -> "Not run, " + r.result() + ": " + r.commandText();
      case EXPIRED -> "Not run, " + r.result() + ": " + r.commandText();
      case PENDING -> r.commandText();
    };
    Tone tone = r.state() == ApprovalRequest.State.EXECUTED && "succeeded".equals(r.result()) ? Tone.DONE
        : r.state() == ApprovalRequest.State.RUNNING ? Tone.INFO : r.state() == ApprovalRequest.State.EXECUTED ? Tone.FAILED
        : Tone.CANCELLED;
    return new Reply.Notice(tone, text + " (request " + r.id() + ")", Audience.CHANNEL, true);
  }

  /** The alert as every platform shows it. */
  public Reply.AlertMessage alert(Alert alert) {
    return replies.alert(alert);
  }

  /** Berth's own executor is full or shutting down: nothing was run. */
  public static Reply busy() {
    return new Reply.Notice(Tone.WARNING, "Berth is too busy (or shutting down) to take this now; nothing was run."
        + " Try again in a moment.", Audience.CALLER, false);
  }

  /** Something unexpected failed after the request was taken; details are in the server log only. */
  public static Reply internalError() {
    return new Reply.Notice(Tone.WARNING, "Berth hit an internal error; it is in the server log.", Audience.CALLER, false);
  }

  private static Reply closingPrompt(Reply r) {
    if (r instanceof Reply.Notice n) return new Reply.Notice(n.tone(), n.text(), n.audience(), true);
    if (r instanceof Reply.Output o) {
      return new Reply.Output(o.tone(), o.requester(), o.echo(), o.heading(), o.output(), o.fileName(), o.keepEnd(),
          o.buttons(), o.audience(), true);
    }
    return r;
  }
}
