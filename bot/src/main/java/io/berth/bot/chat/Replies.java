package io.berth.bot.chat;

import io.berth.core.notify.Alert;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.Failure;
import io.berth.core.result.HelpText;
import io.berth.core.result.ImageList;
import io.berth.core.result.LogOutput;
import io.berth.core.result.Outcome;
import io.berth.core.result.Result;
import io.berth.core.result.RunOutput;
import io.berth.core.result.StatsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The core's {@link Outcome} as a {@link Reply}: the one place that decides, for every chat
 * platform, what a result, refusal, failure, cancellation or confirmation looks like, who sees it
 * and which buttons it gets. Output text always comes from the core's renderer ({@code Result.text}).
 */
public final class Replies {
  /** A quick-action argument longer than this uses the container id instead (Discord ids hold 100 chars). */
  static final int MAX_BUTTON_NAME = 64;

  private final PlainTextRenderer plain;

  public Replies(PlainTextRenderer plain) {
    this.plain = plain;
  }

  /**
   * @param requester platform user id of who asked (or pressed)
   * @param echo the command as shown back, secrets masked; null when there is none to show
   */
  public Reply of(Outcome outcome, String requester, String echo) {
    if (outcome instanceof Outcome.Succeeded s) return result(s.result(), requester, echo);
    if (outcome instanceof Outcome.Denied d) return new Reply.Notice(Tone.DENIED, "Denied: " + d.reason(), Audience.CALLER, false);
    if (outcome instanceof Outcome.Failed f) return new Reply.Notice(Tone.FAILED, failure(f), Audience.CALLER, false);
    if (outcome instanceof Outcome.Cancelled c) {
      return new Reply.Notice(Tone.CANCELLED, "Cancelled: " + c.commandText(), Audience.CHANNEL, true);
    }
    if (outcome instanceof Outcome.Rejected r) {
      return new Reply.Notice(Tone.CANCELLED, "Rejected by " + r.rejectedBy() + ", will not run: " + r.commandText(),
          Audience.CHANNEL, true);
    }
    if (outcome instanceof Outcome.ApprovalRequired a) {
      if (a.approvals() > 0) {
        // a vote that did not make the count: the request's own message shows the new count
        return new Reply.Notice(Tone.INFO, a.prompt(), Audience.CALLER, false);
      }
      return approvalPrompt(a.requestId(), requester, a.commandText(), a.prompt(), 0, a.needed(), a.expiresAt());
    }
    Outcome.ConfirmationRequired c = (Outcome.ConfirmationRequired) outcome;
    return new Reply.Prompt(c.prompt(), requester, c.expiresAt(), List.of(
        new Button(Button.Action.CONFIRM, c.token(), "Confirm"),
        new Button(Button.Action.CANCEL, c.token(), "Cancel")), Audience.CHANNEL);
  }

  /**
   * A request waiting for approval, as posted in the asking channel and the approval channels:
   * what, who asked, how many approvals it has, Approve/Reject carrying its id.
   */
  public static Reply.Prompt approvalPrompt(String id, String requester, String commandText, String why, int approvals,
      int needed, java.time.Instant expiresAt) {
    String text = "Waiting for approval (" + approvals + "/" + needed + "): " + commandText + "\n" + why;
    return new Reply.Prompt(text, requester, expiresAt, List.of(
        new Button(Button.Action.APPROVE, id, "Approve"),
        new Button(Button.Action.REJECT, id, "Reject")), Audience.CHANNEL);
  }

  /** A failure with its kind, e.g. "not found: No such container: web"; a confirmation refusal speaks for itself. */
  static String failure(Outcome.Failed f) {
    if (f.kind() == Failure.CONFIRMATION) return f.message();
    return f.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + f.message();
  }

  private Reply result(Result result, String requester, String echo) {
    if (result == null) {
      return new Reply.Output(Tone.DONE, requester, echo, "Done.", null, null, false, List.of(), Audience.CHANNEL, false);
    }
    if (result instanceof HelpText help) {
      return new Reply.Output(Tone.INFO, null, null, null, help.text(), "help.txt", false, List.of(), Audience.CALLER, false);
    }
    if (result instanceof ContainerChanged c) {
      List<Button> buttons = "rm".equals(c.action()) ? List.of() : quickActions(c.containerId(), c.name(), false);
      return new Reply.Output(Tone.DONE, requester, echo, c.action() + " " + c.name() + (c.changed() ? ": done" : ": no change"),
          null, null, false, buttons, Audience.CHANNEL, false);
    }
    String heading = null;
    List<Button> buttons = List.of();
    if (result instanceof ContainerList list) {
      heading = list.containers().isEmpty() ? "No containers." : list.containers().size() + " container(s)";
      List<Button> rows = new ArrayList<>();
      for (ContainerSummary c : list.containers()) rows.addAll(quickActions(c.id(), c.name(), true));
      buttons = rows;
    } else if (result instanceof ImageList list) {
      heading = list.images().size() + " image(s)";
    } else if (result instanceof ContainerDetails d) {
      buttons = quickActions(d.summary().id(), d.summary().name(), false);
    } else if (result instanceof StatsSnapshot s) {
      buttons = quickActions(s.containerId(), s.name(), false);
    }
    return new Reply.Output(Tone.INFO, requester, echo, heading, plain.render(result), fileName(result),
        result instanceof LogOutput, buttons, Audience.CHANNEL, false);
  }

  /** A container alert with its last log lines and Logs/Restart, for every platform's notify channels. */
  public Reply.AlertMessage alert(Alert a) {
    String name = a.containerName() == null || a.containerName().isBlank() ? a.containerId() : a.containerName();
    return new Reply.AlertMessage(name, a.summary(), a.time(), a.lastLogLines(), quickActions(a.containerId(), name, false));
  }

  /** Logs and Restart for one container; {@code named} puts the name in the label (a row of a list). */
  static List<Button> quickActions(String id, String name, boolean named) {
    String shown = name == null || name.isBlank() ? id : name.startsWith("/") ? name.substring(1) : name;
    String argument = shown.length() <= MAX_BUTTON_NAME ? shown : id;
    String suffix = named ? " " + shown : "";
    return List.of(new Button(Button.Action.LOGS, argument, "Logs" + suffix),
        new Button(Button.Action.RESTART, argument, "Restart" + suffix));
  }

  static String fileName(Result r) {
    if (r instanceof LogOutput l) return "logs-" + safeName(l.container()) + ".txt";
    if (r instanceof ExecOutput e) return "exec-" + safeName(e.container()) + ".txt";
    if (r instanceof RunOutput run) return "run-" + safeName(run.name() == null ? run.containerId() : run.name()) + ".txt";
    return "output.txt";
  }

  private static String safeName(String s) {
    return s == null ? "container" : s.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
